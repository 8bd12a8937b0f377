CREATE TABLE "by_post" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"appeal_id" integer NOT NULL,
	"outbox_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_by" integer,
	CONSTRAINT "by_post_reason_check" CHECK ("by_post"."reason" in ('blocked','deactivated','chat_not_found'))
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "appeal_id" integer;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "parts_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "in_flight_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "unknown_outcomes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "by_post" ADD CONSTRAINT "by_post_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "by_post" ADD CONSTRAINT "by_post_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "by_post" ADD CONSTRAINT "by_post_cleared_by_users_id_fk" FOREIGN KEY ("cleared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "by_post_open_appeal_idx" ON "by_post" USING btree ("appeal_id") WHERE "by_post"."cleared_at" is null;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_sending_idx" ON "outbox" USING btree ("claimed_at") WHERE "outbox"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "outbox_chat_open_idx" ON "outbox" USING btree ("chat_id","id") WHERE "outbox"."status" in ('pending','sending');--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending','sending','sent','unreachable','failed','cancelled'));