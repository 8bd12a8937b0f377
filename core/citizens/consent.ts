import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { consents } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { LANGUAGES, type Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";

/**
 * The version of the consent text in locales/ (`consent.text`). Change it whenever that text
 * changes: everyone is then asked again, and each answer keeps the words it was given to.
 */
export const CONSENT_VERSION = "2026-11-26";

const consentInput = z.object({
  language: z.enum(LANGUAGES),
  text: z.string().min(50),
});

export async function recordConsent(
  ctx: Ctx,
  db: DbOrTx,
  actor: Actor,
  input: z.input<typeof consentInput>,
): Promise<void> {
  const { language, text } = parseInput(consentInput, input);
  await db
    .insert(consents)
    .values({ userId: actor.userId, version: CONSENT_VERSION, language, text, acceptedAt: ctx.clock.now() })
    .onConflictDoNothing();
}

export async function hasCurrentConsent(db: DbOrTx, actor: Actor): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.userId, actor.userId), eq(consents.version, CONSENT_VERSION)));
  return row !== undefined;
}
