-- The daily figures gained a measure (closed_late: the outcome of an appeal decided after its deadline).
-- Days counted before it lack it, so the next refresh counts every day since the first appeal anew.
UPDATE "analytics_refreshes" SET "rebuilt_on" = NULL;
