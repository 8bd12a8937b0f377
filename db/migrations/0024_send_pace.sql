CREATE TABLE "send_pace" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	CONSTRAINT "send_pace_one_row" CHECK ("send_pace"."id" = 1)
);
