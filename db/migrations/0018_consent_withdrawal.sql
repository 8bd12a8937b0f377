ALTER TABLE "consents" DROP CONSTRAINT "consents_user_version";--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "consents_user_version_in_force" ON "consents" USING btree ("user_id","version") WHERE "consents"."withdrawn_at" is null;