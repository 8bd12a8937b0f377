CREATE TABLE "answer_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "answer_templates_language_check" CHECK ("answer_templates"."language" in ('kk','ru'))
);
--> statement-breakpoint
CREATE TABLE "appeal_extensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"appeal_id" integer NOT NULL,
	"requested_by" integer NOT NULL,
	"reason" text NOT NULL,
	"proposed_due_on" date NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decision" text,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	CONSTRAINT "appeal_extensions_decision_check" CHECK ("appeal_extensions"."decision" is null or "appeal_extensions"."decision" in ('granted','refused')),
	CONSTRAINT "appeal_extensions_decided_check" CHECK (("appeal_extensions"."decision" is null) = ("appeal_extensions"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "appeal_extensions" ADD CONSTRAINT "appeal_extensions_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_extensions" ADD CONSTRAINT "appeal_extensions_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal_extensions" ADD CONSTRAINT "appeal_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_templates_category_idx" ON "answer_templates" USING btree ("category","language");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_extensions_one_pending_idx" ON "appeal_extensions" USING btree ("appeal_id") WHERE "appeal_extensions"."decided_at" is null;