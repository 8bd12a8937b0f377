CREATE TABLE "updates" (
	"update_id" bigint PRIMARY KEY NOT NULL,
	"chat_id" bigint NOT NULL,
	"payload" json NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	CONSTRAINT "updates_state_check" CHECK ("updates"."state" in ('pending','in_progress','done','failed'))
);
--> statement-breakpoint
CREATE INDEX "updates_open_idx" ON "updates" USING btree ("update_id") WHERE "updates"."state" in ('pending','in_progress');--> statement-breakpoint
CREATE INDEX "updates_chat_open_idx" ON "updates" USING btree ("chat_id","update_id") WHERE "updates"."state" in ('pending','in_progress');--> statement-breakpoint
CREATE INDEX "updates_handled_idx" ON "updates" USING btree ("received_at") WHERE "updates"."state" in ('done','failed');