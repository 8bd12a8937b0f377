ALTER TABLE "outbox" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
-- A message retried before this column existed had its time moved on; its latest time gives it the longer wait.
UPDATE "outbox" SET "due_at" = "not_before";--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "due_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
UPDATE "outbox" SET "failed_at" = "not_before" WHERE "status" = 'failed';--> statement-breakpoint
CREATE INDEX "outbox_open_due_idx" ON "outbox" USING btree ("due_at") WHERE "outbox"."status" in ('pending','sending');--> statement-breakpoint
CREATE INDEX "outbox_failed_idx" ON "outbox" USING btree ("failed_at") WHERE "outbox"."status" = 'failed';
