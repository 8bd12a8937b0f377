import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { receptionBookings, users } from "../../db/schema/index.js";
import { almatyDateTime } from "../calendar/dates.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import type { Language } from "../shared/roles.js";
import { languageOf } from "../people/language.js";
import { officialLabel, type Official } from "./officials.js";

export type Booking = typeof receptionBookings.$inferSelect;

/** A slot's time as people here read it (31.03.2026 10:30), in Almaty. */
export const slotTime = almatyDateTime;

export interface Recipient {
  chatId: number;
  language: Language;
}

export async function recipientOf(db: DbOrTx, userId: number): Promise<Recipient> {
  const [row] = await db.select({ chatId: users.telegramId, language: users.language, seenLanguage: users.seenLanguage }).from(users).where(eq(users.id, userId));
  if (!row) throw new Error(`user ${userId} not found`);
  return { chatId: row.chatId, language: languageOf(row) };
}

/** The parameters every reception message shares: who, when and where. */
export function bookingParams(official: Official, startsAt: Date | null, language: Language): Record<string, string> {
  const { name, title, place } = officialLabel(official, language);
  return { official: name, title, place, time: startsAt ? slotTime(startsAt) : "" };
}

/** Messages that ask the citizen to act carry a button to "My reception", where the offer is accepted or declined. */
const ACTIONABLE = new Set(["reception.notice.offered", "reception.notice.schedule_moved"]);
export const MY_RECEPTION_KEYBOARD = "reception.mine";

/**
 * Tells the citizen of a change to their booking, in the caller's transaction. The key carries the
 * booking's version, so a retried change never tells twice and a later one is never swallowed.
 */
export async function notifyCitizen(
  ctx: Ctx,
  db: DbOrTx,
  booking: Booking,
  official: Official,
  startsAt: Date | null,
  key: string,
  extra: Record<string, string | number> = {},
): Promise<void> {
  const to = await recipientOf(db, booking.citizenUserId);
  await enqueue(ctx, db, {
    dedupeKey: `reception:${booking.id}:v${booking.version}:${key}`,
    chatId: to.chatId,
    language: to.language,
    key,
    params: { ...bookingParams(official, startsAt, to.language), ...extra },
    keyboard: ACTIONABLE.has(key) ? { name: MY_RECEPTION_KEYBOARD, ref: booking.id } : undefined,
  });
}
