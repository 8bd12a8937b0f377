CREATE TABLE "citizens" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"full_name" text NOT NULL,
	"iin" text,
	"bin" text,
	"organization" text,
	"phone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "citizens_kind_check" CHECK (("citizens"."kind" = 'individual' and "citizens"."iin" is not null) or ("citizens"."kind" = 'legal' and "citizens"."bin" is not null and "citizens"."organization" is not null))
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"version" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consents_user_version" UNIQUE("user_id","version")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"telegram_id" bigint NOT NULL,
	"role" text DEFAULT 'citizen' NOT NULL,
	"language" text,
	"active" boolean DEFAULT true NOT NULL,
	"clearance" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_telegram_id_unique" UNIQUE("telegram_id"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('citizen','registrar','reviewer','reception','executor','deputy','head','admin')),
	CONSTRAINT "users_language_check" CHECK ("users"."language" in ('kk','ru','en'))
);
--> statement-breakpoint
CREATE TABLE "flows" (
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"step" text NOT NULL,
	"data" jsonb NOT NULL,
	"message_id" integer,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "flows_user_id_name_pk" PRIMARY KEY("user_id","name")
);
--> statement-breakpoint
ALTER TABLE "citizens" ADD CONSTRAINT "citizens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;