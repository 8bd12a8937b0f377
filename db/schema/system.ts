import { sql } from "drizzle-orm";
import { check, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The mode this database was first started in, one row: the sandbox seeds made-up staff with real
 * roles, so a database remembers which kind it is and each mode refuses the other's.
 */
export const deploymentMode = pgTable(
  "deployment_mode",
  {
    id: smallint("id").primaryKey().default(1),
    mode: text("mode").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
  },
  (t) => [check("deployment_mode_one_row", sql`${t.id} = 1`), check("deployment_mode_mode_check", sql`${t.mode} in ('sandbox','production')`)],
);
