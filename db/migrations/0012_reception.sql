CREATE TABLE "officials" (
	"id" serial PRIMARY KEY NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"place_kk" text NOT NULL,
	"place_ru" text NOT NULL,
	"booking_window_days" integer DEFAULT 30 NOT NULL,
	"min_notice_hours" integer DEFAULT 24 NOT NULL,
	"direct_booking" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "officials_rules_check" CHECK ("officials"."booking_window_days" between 1 and 366 and "officials"."min_notice_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reception_bookings" (
	"id" serial PRIMARY KEY NOT NULL,
	"official_id" integer NOT NULL,
	"citizen_user_id" integer NOT NULL,
	"matter" text NOT NULL,
	"appeal_id" integer,
	"status" text NOT NULL,
	"slot_id" integer,
	"preferred_slot_id" integer,
	"offer_expires_at" timestamp with time zone,
	"reschedules" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"decline_reason" text,
	"outcome" jsonb,
	"outcome_by_user_id" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reception_bookings_status_check" CHECK ("reception_bookings"."status" in ('requested','waiting','offered','booked','declined','cancelled','expired','attended','no_show')),
	CONSTRAINT "reception_bookings_slot_check" CHECK ("reception_bookings"."status" not in ('offered','booked','attended','no_show') or "reception_bookings"."slot_id" is not null),
	CONSTRAINT "reception_bookings_offer_check" CHECK ("reception_bookings"."status" <> 'offered' or "reception_bookings"."offer_expires_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "reception_exceptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"official_id" integer NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"starts" text,
	"ends" text,
	"slot_minutes" integer,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "reception_exceptions_official_day" UNIQUE("official_id","day"),
	CONSTRAINT "reception_exceptions_kind_check" CHECK ("reception_exceptions"."kind" in ('off','extra')),
	CONSTRAINT "reception_exceptions_extra_check" CHECK ("reception_exceptions"."kind" = 'off' or ("reception_exceptions"."starts" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_exceptions"."ends" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_exceptions"."starts" < "reception_exceptions"."ends" and "reception_exceptions"."slot_minutes" between 5 and 240))
);
--> statement-breakpoint
CREATE TABLE "reception_hours" (
	"id" serial PRIMARY KEY NOT NULL,
	"official_id" integer NOT NULL,
	"weekday" integer NOT NULL,
	"starts" text NOT NULL,
	"ends" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"break_starts" text,
	"break_ends" text,
	CONSTRAINT "reception_hours_weekday_check" CHECK ("reception_hours"."weekday" between 0 and 6),
	CONSTRAINT "reception_hours_times_check" CHECK ("reception_hours"."starts" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_hours"."ends" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_hours"."starts" < "reception_hours"."ends"),
	CONSTRAINT "reception_hours_slot_check" CHECK ("reception_hours"."slot_minutes" between 5 and 240),
	CONSTRAINT "reception_hours_break_check" CHECK (("reception_hours"."break_starts" is null and "reception_hours"."break_ends" is null) or ("reception_hours"."break_starts" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_hours"."break_ends" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "reception_hours"."break_starts" < "reception_hours"."break_ends"))
);
--> statement-breakpoint
CREATE TABLE "reception_policy" (
	"id" integer PRIMARY KEY NOT NULL,
	"cancel_cutoff_hours" integer NOT NULL,
	"max_reschedules" integer NOT NULL,
	"offer_minutes" integer NOT NULL,
	"evening_reminder_at" text NOT NULL,
	"last_reminder_hours" integer NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "reception_policy_single" CHECK ("reception_policy"."id" = 1),
	CONSTRAINT "reception_policy_figures" CHECK ("reception_policy"."cancel_cutoff_hours" >= 0 and "reception_policy"."max_reschedules" >= 0 and "reception_policy"."offer_minutes" > 0 and "reception_policy"."last_reminder_hours" > 0 and "reception_policy"."evening_reminder_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "reception_slots" (
	"id" serial PRIMARY KEY NOT NULL,
	"official_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "reception_slots_official_start" UNIQUE("official_id","starts_at"),
	CONSTRAINT "reception_slots_period_check" CHECK ("reception_slots"."ends_at" > "reception_slots"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_official_id_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_citizen_user_id_users_id_fk" FOREIGN KEY ("citizen_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_appeal_id_appeals_id_fk" FOREIGN KEY ("appeal_id") REFERENCES "public"."appeals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_slot_id_reception_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."reception_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_preferred_slot_id_reception_slots_id_fk" FOREIGN KEY ("preferred_slot_id") REFERENCES "public"."reception_slots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_bookings" ADD CONSTRAINT "reception_bookings_outcome_by_user_id_users_id_fk" FOREIGN KEY ("outcome_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_exceptions" ADD CONSTRAINT "reception_exceptions_official_id_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_hours" ADD CONSTRAINT "reception_hours_official_id_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reception_slots" ADD CONSTRAINT "reception_slots_official_id_officials_id_fk" FOREIGN KEY ("official_id") REFERENCES "public"."officials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reception_bookings_slot_held" ON "reception_bookings" USING btree ("slot_id") WHERE "reception_bookings"."status" in ('offered','booked');--> statement-breakpoint
CREATE UNIQUE INDEX "reception_bookings_one_active" ON "reception_bookings" USING btree ("citizen_user_id","official_id") WHERE "reception_bookings"."status" in ('requested','waiting','offered','booked');--> statement-breakpoint
CREATE INDEX "reception_bookings_official_status_idx" ON "reception_bookings" USING btree ("official_id","status","id");--> statement-breakpoint
CREATE INDEX "reception_bookings_offer_expiry_idx" ON "reception_bookings" USING btree ("offer_expires_at") WHERE "reception_bookings"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "reception_hours_official_idx" ON "reception_hours" USING btree ("official_id");