-- The rules of personal reception (DESIGN §5), as data: cancel or move up to 24 h before, at most two moves, a waitlist offer held for 2 h, reminders the day before at 18:00 and 2 h before.
INSERT INTO reception_policy (id, cancel_cutoff_hours, max_reschedules, offer_minutes, evening_reminder_at, last_reminder_hours, source) VALUES
  (1, 24, 2, 120, '18:00', 2, 'Reg. 5.4, 7.3; Government Decree No. 214 of 15.03.2023');
