import { and, desc, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { rowsOf } from "../../db/rows.js";
import { consents } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { LANGUAGES, type Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/**
 * The version of the consent text in locales/ (`consent.text`). Change it whenever that text
 * changes: everyone is then asked again on their next visit, and each answer keeps the words it
 * was given to.
 */
export const CONSENT_VERSION = "2026-12-01";

/**
 * Where a person stands: never asked (`none`), agreed to the text in force (`current`), agreed to
 * an older text (`outdated`: asked again before anything else), or withdrew (`withdrawn`).
 */
export type ConsentState = "none" | "current" | "outdated" | "withdrawn";

const consentInput = z.object({
  language: z.enum(LANGUAGES),
  text: z.string().min(50),
});

/** Agreement to the text in force, as shown; a second tap while it is in force records nothing. */
export async function recordConsent(ctx: Ctx, db: DbOrTx, actor: Actor, input: z.input<typeof consentInput>): Promise<void> {
  const { language, text } = parseInput(consentInput, input);
  await db
    .insert(consents)
    .values({ userId: actor.userId, version: CONSENT_VERSION, language, text, acceptedAt: ctx.clock.now() })
    .onConflictDoNothing();
}

/** A person's consent state as SQL, for a read that takes it along with other things (an update's presence). */
export function consentStateOf(userId: SQLWrapper | number): SQL<ConsentState> {
  return sql<ConsentState>`coalesce((select case when c.withdrawn_at is not null then 'withdrawn' when c.version = ${CONSENT_VERSION} then 'current' else 'outdated' end
    from ${consents} c where c.user_id = ${userId} order by c.accepted_at desc, c.id desc limit 1), 'none')`;
}

export async function consentState(db: DbOrTx, actor: Actor): Promise<ConsentState> {
  const [row] = await rowsOf<{ state: ConsentState }>(db, sql`select ${consentStateOf(actor.userId)} as state`);
  return row!.state;
}

export async function hasCurrentConsent(db: DbOrTx, actor: Actor): Promise<boolean> {
  return (await consentState(db, actor)) === "current";
}

/**
 * Withdrawal in the bot (Law No. 94-V, Art. 8): the consent in force is marked with the time, and
 * keeps its version. Appeals already filed are still answered as the law requires (by post when
 * the chat is not an option); no new appeal or booking is taken in the bot.
 */
export async function withdrawConsent(ctx: Ctx, actor: Actor): Promise<{ version: string; withdrawnAt: Date }> {
  const withdrawnAt = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ id: consents.id, version: consents.version })
      .from(consents)
      .where(and(eq(consents.userId, actor.userId), isNull(consents.withdrawnAt)))
      .orderBy(desc(consents.acceptedAt), desc(consents.id))
      .limit(1)
      .for("update");
    if (!latest || (await consentState(tx, actor)) === "withdrawn") throw new DomainError("consent_not_given");
    await tx.update(consents).set({ withdrawnAt }).where(eq(consents.id, latest.id));
    return { version: latest.version, withdrawnAt };
  });
}

/** New appeals and bookings need a consent that was not withdrawn; the refusal says how else to file. */
export async function assertConsentNotWithdrawn(db: DbOrTx, actor: Actor): Promise<void> {
  if ((await consentState(db, actor)) === "withdrawn") throw new DomainError("consent_withdrawn");
}
