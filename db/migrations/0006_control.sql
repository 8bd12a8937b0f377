CREATE TABLE "control_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"source" text NOT NULL,
	"source_number" text NOT NULL,
	"source_date" date NOT NULL,
	"text" text,
	"file_id" integer,
	"recorded_on" date NOT NULL,
	"due_on" date NOT NULL,
	"origin_kind" text,
	"origin_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "control_documents_number_unique" UNIQUE("number"),
	CONSTRAINT "control_documents_source_check" CHECK ("control_documents"."source" in ('head_of_state','presidential_administration','prime_minister_office','sc_chairman','reception')),
	CONSTRAINT "control_documents_content_check" CHECK ("control_documents"."text" is not null or "control_documents"."file_id" is not null),
	CONSTRAINT "control_documents_origin_check" CHECK (("control_documents"."origin_kind" is null) = ("control_documents"."origin_id" is null))
);
--> statement-breakpoint
CREATE TABLE "control_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"executor_id" integer,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"kind" text NOT NULL,
	"comment" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "control_executors" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"unit_id" integer,
	"state" text DEFAULT 'assigned' NOT NULL,
	"due_on" date NOT NULL,
	"remind_on" date,
	"reminded_at" timestamp with time zone,
	"overdue_reported_at" timestamp with time zone,
	"executed_on" date,
	CONSTRAINT "control_executors_state_check" CHECK ("control_executors"."state" in ('assigned','reported','executed')),
	CONSTRAINT "control_executors_executed_check" CHECK (("control_executors"."state" = 'executed') = ("control_executors"."executed_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "control_extension_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"executor_id" integer NOT NULL,
	"reason" text NOT NULL,
	"proposed_due_on" date NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "control_extension_requests_state_check" CHECK ("control_extension_requests"."state" in ('pending','granted','refused'))
);
--> statement-breakpoint
CREATE TABLE "control_policies" (
	"id" text PRIMARY KEY DEFAULT 'control' NOT NULL,
	"reminder_lead_working_days" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "control_policies_one_row" CHECK ("control_policies"."id" = 'control'),
	CONSTRAINT "control_policies_lead_positive" CHECK ("control_policies"."reminder_lead_working_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "control_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"executor_id" integer NOT NULL,
	"note" text,
	"file_id" integer,
	"state" text DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"comment" text,
	CONSTRAINT "control_reports_state_check" CHECK ("control_reports"."state" in ('pending','accepted','returned')),
	CONSTRAINT "control_reports_content_check" CHECK ("control_reports"."note" is not null or "control_reports"."file_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "head_user_id" integer;--> statement-breakpoint
ALTER TABLE "control_documents" ADD CONSTRAINT "control_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_documents" ADD CONSTRAINT "control_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_document_id_control_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."control_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_executor_id_control_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."control_executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_events" ADD CONSTRAINT "control_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_executors" ADD CONSTRAINT "control_executors_document_id_control_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."control_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_executors" ADD CONSTRAINT "control_executors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_executors" ADD CONSTRAINT "control_executors_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_extension_requests" ADD CONSTRAINT "control_extension_requests_executor_id_control_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."control_executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_extension_requests" ADD CONSTRAINT "control_extension_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_reports" ADD CONSTRAINT "control_reports_executor_id_control_executors_id_fk" FOREIGN KEY ("executor_id") REFERENCES "public"."control_executors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_reports" ADD CONSTRAINT "control_reports_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "control_reports" ADD CONSTRAINT "control_reports_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "control_documents_origin_idx" ON "control_documents" USING btree ("origin_kind","origin_id");--> statement-breakpoint
CREATE INDEX "control_events_document_idx" ON "control_events" USING btree ("document_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "control_executors_person_idx" ON "control_executors" USING btree ("document_id","user_id");--> statement-breakpoint
CREATE INDEX "control_executors_user_due_idx" ON "control_executors" USING btree ("user_id","due_on");--> statement-breakpoint
CREATE INDEX "control_executors_due_idx" ON "control_executors" USING btree ("due_on") WHERE "control_executors"."state" <> 'executed';--> statement-breakpoint
CREATE UNIQUE INDEX "control_extension_requests_one_pending_idx" ON "control_extension_requests" USING btree ("executor_id") WHERE "control_extension_requests"."state" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "control_reports_one_pending_idx" ON "control_reports" USING btree ("executor_id") WHERE "control_reports"."state" = 'pending';--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_head_user_id_users_id_fk" FOREIGN KEY ("head_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;