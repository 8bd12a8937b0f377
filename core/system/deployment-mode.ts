import type { Db } from "../../db/client.js";
import { deploymentMode } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";

export type DeploymentMode = "sandbox" | "production";

/** The start refused, with the one line an operator needs. */
export class ModeMismatchError extends Error {
  override name = "ModeMismatchError";
}

const REFUSAL: Record<DeploymentMode, (since: string) => string> = {
  // Wanted sandbox, found production.
  sandbox: (since) =>
    `this database has run production since ${since}: the sandbox refuses to seed demo people into it; unset DATABASE_URL (the sandbox keeps its own data under DATA_DIR) or give the sandbox a database of its own`,
  // Wanted production, found sandbox.
  production: (since) =>
    `this database has held the sandbox's demo data since ${since}, whose made-up staff have real roles: production refuses it; give production a database of its own`,
};

/**
 * Claims the database for `mode` on its first start and refuses a database of the other mode on
 * every later one. Call it after migrating and before anything is seeded or served.
 */
export async function claimDeploymentMode(db: Db, mode: DeploymentMode, now: Date): Promise<void> {
  await db.insert(deploymentMode).values({ id: 1, mode, since: now }).onConflictDoNothing();
  const [row] = await db.select().from(deploymentMode);
  if (row && row.mode !== mode) throw new ModeMismatchError(REFUSAL[mode](almatyDate(row.since)));
}
