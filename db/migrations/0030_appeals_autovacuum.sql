-- Open work is counted from index-only scans (the dashboard, the digest, figures per holder), which
-- read the table itself wherever a page changed since the last vacuum. By default a table is
-- vacuumed after a fifth of it changed: at a national year (4.4 M appeals) that is weeks of edits,
-- and every day's changed pages cost those scans a heap fetch per row. A hundredth keeps it days.
ALTER TABLE "appeals" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
