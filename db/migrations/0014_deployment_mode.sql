CREATE TABLE "deployment_mode" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"mode" text NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "deployment_mode_one_row" CHECK ("deployment_mode"."id" = 1),
	CONSTRAINT "deployment_mode_mode_check" CHECK ("deployment_mode"."mode" in ('sandbox','production'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A database started before it could remember its mode: the sandbox's demo officials give it away.
UPDATE "units" SET "demo" = true WHERE "code" IN ('demo_enforcement', 'demo_prosecutor') AND EXISTS (SELECT 1 FROM "officials" WHERE "demo");--> statement-breakpoint
UPDATE "users" SET "demo" = true WHERE "telegram_id" IN (900001, 900002, 900101, 900102, 900103, 900104, 900105, 900106, 900107) AND EXISTS (SELECT 1 FROM "officials" WHERE "demo");--> statement-breakpoint
INSERT INTO "deployment_mode" ("id", "mode", "since")
SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM "officials" WHERE "demo") THEN 'sandbox' ELSE 'production' END, now()
WHERE EXISTS (SELECT 1 FROM "users");
