ALTER TABLE "users" ADD COLUMN "full_name" text;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD COLUMN "outgoing_number" text;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD COLUMN "letter_sha256" text;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD COLUMN "letter_file_id" integer;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_letter_file_id_stored_files_id_fk" FOREIGN KEY ("letter_file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_answers" ADD CONSTRAINT "appeal_answers_outgoing_number_unique" UNIQUE("outgoing_number");