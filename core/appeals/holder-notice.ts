import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { units, users } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { notifyStaff } from "../staff/notify.js";
import { unitByCode, unitName } from "../staff/units.js";

/** The button under a notice to whoever now holds an appeal: it opens the appeal's card. */
export const CARD_KEYBOARD = "appeal.card";

/**
 * Work addressed to one person (an assignment, a draft handed back, a supplement) is told at once,
 * whatever their digest setting, with the card one tap away; written with the change it reports.
 */
export async function tellHolder(ctx: Ctx, tx: Tx, holderUserId: number, dedupeKey: string, appealId: number, key: string, params: Record<string, string | number>): Promise<void> {
  await notifyStaff(ctx, tx, [holderUserId], () => dedupeKey, { key, params, keyboard: { name: CARD_KEYBOARD, ref: appealId } });
}

/** The sector the holder works in, named in the appeal's language; the review sector when they have none. */
export async function sectorOf(tx: Tx, holderUserId: number, language: string): Promise<string> {
  const [row] = await tx.select({ unit: units }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.id, holderUserId));
  const unit = row?.unit ?? (await unitByCode(tx, "appeals_review"));
  return unit ? unitName(unit, language === "ru" ? "ru" : "kk") : "";
}
