CREATE TABLE "appeal_groups" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"subject_key" text,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_track_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"appeal_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "destruction_acts" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"case_ids" jsonb NOT NULL,
	"drafted_at" timestamp with time zone NOT NULL,
	"approved_by" integer,
	"approved_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	CONSTRAINT "destruction_acts_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"journal" text NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"entry_date" date NOT NULL,
	"direction" text,
	"correspondent" text NOT NULL,
	"summary" text NOT NULL,
	"pages" integer,
	"dispatch" jsonb,
	"court_case" jsonb,
	"restricted" boolean DEFAULT false NOT NULL,
	"appeal_id" integer,
	"control_document_id" integer,
	"reply_to_id" integer,
	"case_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"erased_at" timestamp with time zone,
	CONSTRAINT "journal_entries_number_unique" UNIQUE("number"),
	CONSTRAINT "journal_entries_journal_year_seq" UNIQUE("journal","year","seq"),
	CONSTRAINT "journal_entries_journal_check" CHECK ("journal_entries"."journal" in ('incoming','outgoing','court_cases','restricted')),
	CONSTRAINT "journal_entries_direction_check" CHECK (("journal_entries"."journal" = 'court_cases') = ("journal_entries"."direction" is not null)),
	CONSTRAINT "journal_entries_direction_value" CHECK ("journal_entries"."direction" in ('in','out')),
	CONSTRAINT "journal_entries_pages_check" CHECK ("journal_entries"."pages" is null or "journal_entries"."pages" > 0),
	CONSTRAINT "journal_entries_restricted_journal" CHECK ("journal_entries"."journal" <> 'restricted' or "journal_entries"."restricted")
);
--> statement-breakpoint
CREATE TABLE "journal_entry_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"kind" text NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "journal_entry_events_kind_check" CHECK ("journal_entry_events"."kind" in ('registered','corrected','restricted','unrestricted','filed','erased'))
);
--> statement-breakpoint
CREATE TABLE "journal_entry_files" (
	"entry_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "journal_entry_files_entry_id_file_id_pk" PRIMARY KEY("entry_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "nomenclature_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"index" text NOT NULL,
	"title" text NOT NULL,
	"retention_years" integer,
	"articles" text,
	"holds" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "nomenclature_cases_year_index" UNIQUE("year","index"),
	CONSTRAINT "nomenclature_cases_year_holds" UNIQUE("year","holds"),
	CONSTRAINT "nomenclature_cases_retention_check" CHECK ("nomenclature_cases"."retention_years" is null or "nomenclature_cases"."retention_years" > 0),
	CONSTRAINT "nomenclature_cases_holds_check" CHECK ("nomenclature_cases"."holds" in ('incoming','outgoing','court_cases','restricted','appeals'))
);
--> statement-breakpoint
ALTER TABLE "appeals" ALTER COLUMN "citizen_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "channel" text DEFAULT 'telegram' NOT NULL;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "group_id" integer;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "case_id" integer;--> statement-breakpoint
ALTER TABLE "appeals" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeal_groups" ADD CONSTRAINT "appeal_groups_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_track_tokens" ADD CONSTRAINT "appeal_track_tokens_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "destruction_acts" ADD CONSTRAINT "destruction_acts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_case_id_nomenclature_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."nomenclature_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry_events" ADD CONSTRAINT "journal_entry_events_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry_events" ADD CONSTRAINT "journal_entry_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry_files" ADD CONSTRAINT "journal_entry_files_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entry_files" ADD CONSTRAINT "journal_entry_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_track_tokens_appeal_idx" ON "appeal_track_tokens" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "journal_entries_journal_date_idx" ON "journal_entries" USING btree ("journal","entry_date","id");--> statement-breakpoint
CREATE INDEX "journal_entries_appeal_idx" ON "journal_entries" USING btree ("appeal_id");--> statement-breakpoint
CREATE INDEX "journal_entries_case_idx" ON "journal_entries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "journal_entry_events_entry_idx" ON "journal_entry_events" USING btree ("entry_id","id");--> statement-breakpoint
CREATE INDEX "appeals_group_idx" ON "appeals" USING btree ("group_id") WHERE "appeals"."group_id" is not null;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_channel_kind_check" CHECK ("appeals"."channel" in ('telegram','paper','email') and ("appeals"."channel" <> 'telegram' or "appeals"."citizen_user_id" is not null));--> statement-breakpoint
-- A journal's trail is evidence, and its lines are never taken out: corrections are new events.
CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entry_events_no_change BEFORE UPDATE OR DELETE ON journal_entry_events FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entry_events_no_truncate BEFORE TRUNCATE ON journal_entry_events FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION journal_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
