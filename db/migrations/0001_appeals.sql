CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"working" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deadline_policies" (
	"appeal_type" text PRIMARY KEY NOT NULL,
	"review_working_days" integer NOT NULL,
	"forward_working_days" integer NOT NULL,
	"max_extension_months" integer NOT NULL,
	"extension_notice_working_days" integer NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deadline_policies_positive" CHECK ("deadline_policies"."review_working_days" > 0 and "deadline_policies"."forward_working_days" > 0 and "deadline_policies"."max_extension_months" >= 0 and "deadline_policies"."extension_notice_working_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"file_name" text NOT NULL,
	"telegram_file_id" text,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stored_files_owner_hash" UNIQUE("uploaded_by","sha256")
);
--> statement-breakpoint
CREATE TABLE "appeal_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"appeal_id" integer NOT NULL,
	"text" text NOT NULL,
	"outcome" text NOT NULL,
	"author_user_id" integer NOT NULL,
	"approved_by_user_id" integer,
	"authority_user_id" integer,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" integer,
	"authority_user_id" integer,
	"kind" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"comment" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal_files" (
	"appeal_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeal_files_appeal_id_file_id_pk" PRIMARY KEY("appeal_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"draft_id" uuid NOT NULL,
	"citizen_user_id" integer NOT NULL,
	"applicant" jsonb NOT NULL,
	"type" text NOT NULL,
	"category" text,
	"text" text NOT NULL,
	"subject_key" text NOT NULL,
	"language" text NOT NULL,
	"reply_channel" text NOT NULL,
	"postal_address" text,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"registered_on" date NOT NULL,
	"initial_due_on" date NOT NULL,
	"due_on" date NOT NULL,
	"forward_due_on" date NOT NULL,
	"holder_user_id" integer,
	"repeated_of_id" integer,
	"complaint_of_id" integer,
	"restricted" boolean DEFAULT false NOT NULL,
	"rating" text,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "appeals_number_unique" UNIQUE("number"),
	CONSTRAINT "appeals_draft_id_unique" UNIQUE("draft_id"),
	CONSTRAINT "appeals_prefix_year_seq" UNIQUE("prefix","year","seq"),
	CONSTRAINT "appeals_state_check" CHECK ("appeals"."state" in ('registered','in_review','forwarded_internal','awaiting_approval','answered','forwarded_external','left_without_review','withdrawn')),
	CONSTRAINT "appeals_type_check" CHECK ("appeals"."type" in ('application','complaint','proposal','response','request','report')),
	CONSTRAINT "appeals_channel_check" CHECK (("appeals"."reply_channel" = 'chat') or ("appeals"."reply_channel" = 'post' and "appeals"."postal_address" is not null))
);
--> statement-breakpoint
CREATE TABLE "number_sequences" (
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "number_sequences_prefix_year_pk" PRIMARY KEY("prefix","year")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"chat_id" bigint NOT NULL,
	"language" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_authority_user_id_users_id_fk" FOREIGN KEY ("authority_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_events" ADD CONSTRAINT "appeal_events_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_events" ADD CONSTRAINT "appeal_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_events" ADD CONSTRAINT "appeal_events_authority_user_id_users_id_fk" FOREIGN KEY ("authority_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_files" ADD CONSTRAINT "appeal_files_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_files" ADD CONSTRAINT "appeal_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_citizen_user_id_users_id_fk" FOREIGN KEY ("citizen_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeal_events_appeal_idx" ON "appeal_events" USING btree ("appeal_id","id");--> statement-breakpoint
CREATE INDEX "appeals_citizen_idx" ON "appeals" USING btree ("citizen_user_id","id");--> statement-breakpoint
CREATE INDEX "appeals_open_due_idx" ON "appeals" USING btree ("due_on") WHERE "appeals"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("not_before","id") WHERE "outbox"."status" = 'pending';