import { eq, getTableColumns, sql } from "drizzle-orm";
import type { z } from "zod";
import { preparedPer } from "../../db/prepared.js";
import { users } from "../../db/schema/index.js";
import { consentStateOf, type ConsentState } from "../citizens/consent.js";
import { profileOf, rememberProfile } from "../citizens/profile.js";
import { rememberFlows, storedFlowsOf } from "../flows/seen-flows.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { contacted, identified, identifyInput } from "./users.js";

/** What every update needs to know of the person behind it before anything is done. */
export interface Presence {
  actor: Actor & { languageChosen: boolean };
  /** The names of the flows they are in, the most recently touched first. */
  flows: string[];
  /** Their consent as the update began. */
  consent: ConsentState;
}

/** Qualified: inside the subqueries a bare "id" would be the inner table's own (a consent's id). */
const USER_ID = sql`${users}.${sql.identifier(users.id.name)}`;

/** Built once per database: every update runs it, and building it cost Node more than running it. */
const read = preparedPer((db) =>
  db
    .select({ user: getTableColumns(users), flows: storedFlowsOf(USER_ID), consent: consentStateOf(USER_ID), profile: profileOf(USER_ID) })
    .from(users)
    .where(eq(users.telegramId, sql.placeholder("telegramId")))
    .prepare("presence"),
);

/**
 * The person behind an update with their flows, consent and profile, in one statement for everyone
 * seen before: read one by one, they were most of what a button press asked of the database. The
 * flows and the profile are kept in `ctx.seen` for the rest of the update. A newcomer is written
 * first (see `contacted`).
 */
export async function presence(ctx: Ctx, input: z.input<typeof identifyInput>): Promise<Presence> {
  const contact = parseInput(identifyInput, input);
  const [found] = await read(ctx.db).execute({ telegramId: contact.telegramId });
  const row = await contacted(ctx, found?.user, contact);
  // Someone written just now has nothing else yet.
  const { flows, consent, profile } = found ?? { flows: [], consent: "none" as const, profile: null };
  rememberFlows(ctx, row.id, flows);
  rememberProfile(ctx, row.id, profile);
  return { actor: await identified(ctx, row), flows: flows.map((f) => f.name), consent };
}
