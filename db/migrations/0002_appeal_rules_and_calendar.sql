-- The trail of an appeal is evidence: rows are only ever added.
CREATE FUNCTION appeal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'appeal_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER appeal_events_no_change BEFORE UPDATE OR DELETE ON appeal_events FOR EACH ROW EXECUTE FUNCTION appeal_events_append_only();
--> statement-breakpoint
CREATE TRIGGER appeal_events_no_truncate BEFORE TRUNCATE ON appeal_events FOR EACH STATEMENT EXECUTE FUNCTION appeal_events_append_only();
--> statement-breakpoint
-- APPK Art. 76: review within 15 working days, forwarding within 3, extension up to 2 months with notice within 3.
INSERT INTO deadline_policies (appeal_type, review_working_days, forward_working_days, max_extension_months, extension_notice_working_days, source) VALUES
  ('application', 15, 3, 2, 3, 'APPK Art. 76'),
  ('complaint', 15, 3, 2, 3, 'APPK Art. 76'),
  ('proposal', 15, 3, 2, 3, 'APPK Art. 76'),
  ('response', 15, 3, 2, 3, 'APPK Art. 76'),
  ('request', 15, 3, 2, 3, 'APPK Art. 76'),
  ('report', 15, 3, 2, 3, 'APPK Art. 76');
--> statement-breakpoint
-- Days off and worked weekend days of 2025 and 2026 (DESIGN §10); later years come by `cli calendar import`.
INSERT INTO calendar_days (day, working, note) VALUES
  ('2025-01-01', false, 'New Year'),
  ('2025-01-02', false, 'New Year'),
  ('2025-01-03', false, 'day off moved from Sunday 5 January'),
  ('2025-01-05', true, 'working Sunday: its day off moved to 3 January'),
  ('2025-01-07', false, 'Orthodox Christmas'),
  ('2025-03-10', false, 'International Women''s Day (8 March, a Saturday)'),
  ('2025-03-21', false, 'Nauryz'),
  ('2025-03-24', false, 'Nauryz (22 March, a Saturday)'),
  ('2025-03-25', false, 'Nauryz (23 March, a Sunday)'),
  ('2025-05-01', false, 'Unity Day of the People of Kazakhstan'),
  ('2025-05-07', false, 'Defender of the Fatherland Day'),
  ('2025-05-09', false, 'Victory Day'),
  ('2025-06-06', false, 'Kurban Ait'),
  ('2025-07-07', false, 'Capital Day (6 July, a Sunday)'),
  ('2025-09-01', false, 'Constitution Day (30 August, a Saturday)'),
  ('2025-10-27', false, 'Republic Day (25 October, a Saturday)'),
  ('2025-12-16', false, 'Independence Day'),
  ('2026-01-01', false, 'New Year'),
  ('2026-01-02', false, 'New Year'),
  ('2026-01-07', false, 'Orthodox Christmas'),
  ('2026-03-09', false, 'International Women''s Day (8 March, a Sunday)'),
  ('2026-03-23', false, 'Nauryz'),
  ('2026-03-24', false, 'Nauryz (21 March, a Saturday)'),
  ('2026-03-25', false, 'Nauryz (22 March, a Sunday)'),
  ('2026-05-01', false, 'Unity Day of the People of Kazakhstan'),
  ('2026-05-07', false, 'Defender of the Fatherland Day'),
  ('2026-05-11', false, 'Victory Day (9 May, a Saturday)'),
  ('2026-05-27', false, 'Kurban Ait'),
  ('2026-07-06', false, 'Capital Day'),
  ('2026-10-26', false, 'Republic Day (25 October, a Sunday)'),
  ('2026-12-16', false, 'Independence Day');
