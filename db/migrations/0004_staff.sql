CREATE TABLE "invites" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_sha256" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" integer NOT NULL,
	"clearance" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_by" integer,
	"used_at" timestamp with time zone,
	CONSTRAINT "invites_code_sha256_unique" UNIQUE("code_sha256"),
	CONSTRAINT "invites_role_check" CHECK ("invites"."role" in ('registrar','reviewer','reception','executor','deputy','head','admin')),
	CONSTRAINT "invites_used_check" CHECK (("invites"."used_by" is null) = ("invites"."used_at" is null))
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" integer,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "units_code_unique" UNIQUE("code"),
	CONSTRAINT "units_kind_check" CHECK ("units"."kind" in ('department','sector','ja_unit','external_body'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "unit_id" integer;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invites_used_by_idx" ON "invites" USING btree ("used_by");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The department and its three sectors (Reg. 4); other units are added with `npm run cli -- unit add`.
INSERT INTO "units" ("code", "kind", "parent_id", "name_kk", "name_ru") VALUES
	('general_department', 'department', NULL, 'Жалпы бөлім', 'Общий отдел');--> statement-breakpoint
INSERT INTO "units" ("code", "kind", "parent_id", "name_kk", "name_ru")
SELECT s.code, 'sector', d.id, s.name_kk, s.name_ru
FROM "units" d, (VALUES
	(1, 'document_flow', 'Құжатайналымы секторы', 'Сектор документооборота'),
	(2, 'appeals_review', 'Өтініштерді қарау секторы', 'Сектор рассмотрения обращений'),
	(3, 'citizens_reception', 'Азаматтарды қабылдау секторы', 'Сектор приёма граждан')
) AS s(n, code, name_kk, name_ru)
WHERE d.code = 'general_department'
ORDER BY s.n;
