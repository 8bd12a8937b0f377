-- Trails stay evidence, with one exception the law asks for (Law 94-V): once an appeal's personal data
-- is erased under a destruction act, the free text its events carry (a supplement, an objection, a
-- comment that may quote the applicant) is replaced by the erased mark. Nothing else of a row may change.
CREATE OR REPLACE FUNCTION appeal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.comment = '***'
       AND (NEW.id, NEW.appeal_id, NEW.at, NEW.actor_user_id, NEW.authority_user_id, NEW.kind, NEW.from_state, NEW.to_state, NEW.data)
           IS NOT DISTINCT FROM (OLD.id, OLD.appeal_id, OLD.at, OLD.actor_user_id, OLD.authority_user_id, OLD.kind, OLD.from_state, OLD.to_state, OLD.data)
       AND EXISTS (SELECT 1 FROM appeals WHERE appeals.id = OLD.appeal_id AND appeals.erased_at IS NOT NULL) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'appeal_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- The same for a journal line's trail: a reason becomes the erased mark, a correction's old and new
-- values are dropped, once the line's personal data is erased.
CREATE OR REPLACE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'journal_entry_events' THEN
    IF (NEW.reason IS NOT DISTINCT FROM OLD.reason OR NEW.reason = '***')
       AND (NEW.data = OLD.data OR NEW.data = '{}'::jsonb)
       AND (NEW.id, NEW.entry_id, NEW.at, NEW.actor_user_id, NEW.kind) IS NOT DISTINCT FROM (OLD.id, OLD.entry_id, OLD.at, OLD.actor_user_id, OLD.kind)
       AND EXISTS (SELECT 1 FROM journal_entries WHERE journal_entries.id = OLD.entry_id AND journal_entries.erased_at IS NOT NULL) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
