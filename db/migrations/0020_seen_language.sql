ALTER TABLE "users" ADD COLUMN "seen_language" text;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_seen_language_check" CHECK ("users"."seen_language" in ('kk','ru','en'));