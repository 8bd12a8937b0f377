-- The trail of a control document is evidence: rows are only ever added.
CREATE FUNCTION control_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'control_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER control_events_no_change BEFORE UPDATE OR DELETE ON control_events FOR EACH ROW EXECUTE FUNCTION control_events_append_only();
--> statement-breakpoint
CREATE TRIGGER control_events_no_truncate BEFORE TRUNCATE ON control_events FOR EACH STATEMENT EXECUTE FUNCTION control_events_append_only();
--> statement-breakpoint
-- Reg. 7.1.8: executors are reminded 3 working days before the due date (half the term when shorter).
INSERT INTO control_policies (id, reminder_lead_working_days, source) VALUES ('control', 3, 'Reg. 7.1.8');
--> statement-breakpoint
-- The Judicial Administration itself: its head is the Head of JA; JA units are added under it (`unit add --parent judicial_administration`).
INSERT INTO units (code, kind, parent_id, name_kk, name_ru) VALUES ('judicial_administration', 'ja_unit', NULL, 'Сот әкімшілігі', 'Судебная администрация');
