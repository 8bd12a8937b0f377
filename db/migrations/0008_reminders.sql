CREATE TABLE "staff_reminder_settings" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"digest_muted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_reminder_settings" ADD CONSTRAINT "staff_reminder_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appeals_open_due_holder_idx" ON "appeals" USING btree ("due_on","number","holder_user_id") WHERE "appeals"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "appeals_registered_forward_idx" ON "appeals" USING btree ("forward_due_on") WHERE "appeals"."state" = 'registered';--> statement-breakpoint
CREATE INDEX "appeals_awaiting_approval_idx" ON "appeals" USING btree ("due_on") WHERE "appeals"."state" = 'awaiting_approval';