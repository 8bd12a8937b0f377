CREATE TABLE "analytics_refreshes" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"changes_until" timestamp with time zone NOT NULL,
	"rebuilt_on" date,
	CONSTRAINT "analytics_refreshes_single" CHECK ("analytics_refreshes"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "appeal_stats_daily" (
	"day" date NOT NULL,
	"unit_id" integer,
	"measure" text NOT NULL,
	"value" text NOT NULL,
	"appeals" integer NOT NULL,
	CONSTRAINT "appeal_stats_daily_key" UNIQUE NULLS NOT DISTINCT("day","unit_id","measure","value")
);
--> statement-breakpoint
CREATE INDEX "appeal_stats_daily_measure_day_idx" ON "appeal_stats_daily" USING btree ("measure","day");--> statement-breakpoint
CREATE INDEX "appeal_answers_appeal_idx" ON "appeal_answers" USING btree ("appeal_id","approved_at");--> statement-breakpoint
CREATE INDEX "appeal_events_kind_at_idx" ON "appeal_events" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "appeals_registered_on_idx" ON "appeals" USING btree ("registered_on");--> statement-breakpoint
CREATE INDEX "appeals_closed_at_idx" ON "appeals" USING btree ("closed_at") WHERE "appeals"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "appeals_updated_at_idx" ON "appeals" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "appeals_holder_registered_idx" ON "appeals" USING btree ("holder_user_id","registered_on");--> statement-breakpoint
CREATE INDEX "appeals_holder_closed_idx" ON "appeals" USING btree ("holder_user_id","closed_at") WHERE "appeals"."closed_at" is not null;