import type { DbOrTx } from "../../db/client.js";
import { addDays, almatyDate } from "../calendar/dates.js";
import { cancelQueued, enqueueMany } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { HOUR_MS, almatyAt } from "./local-time.js";
import { bookingParams, recipientOf, type Booking, type Recipient } from "./notices.js";
import type { Official } from "./officials.js";
import type { ReceptionPolicy } from "./policy.js";
import type { Slot } from "./slots.js";

const KINDS = ["remind_evening", "remind_soon"] as const;
export type ReminderKind = (typeof KINDS)[number];

function reminderKey(bookingId: number, version: number, kind: ReminderKind): string {
  return `reception:${bookingId}:v${version}:${kind}`;
}

/** When each reminder goes: the evening before at the policy's time, and the policy's hours before. */
export function reminderTimes(policy: ReceptionPolicy, startsAt: Date): Record<ReminderKind, Date> {
  return {
    remind_evening: almatyAt(addDays(almatyDate(startsAt), -1), policy.eveningReminderAt),
    remind_soon: new Date(startsAt.getTime() - policy.lastReminderHours * HOUR_MS),
  };
}

/**
 * Writes the booking's reminders as outbox rows that wait for their time (Reg. 7.3.1), in the
 * booking's transaction, and says which: only those still ahead, so the confirmation promises
 * no more than will come. `to` spares reading the citizen's chat when the caller has it already.
 */
export async function scheduleReminders(
  ctx: Ctx,
  db: DbOrTx,
  policy: ReceptionPolicy,
  booking: Booking,
  official: Official,
  slot: Slot,
  to?: Recipient,
): Promise<ReminderKind[]> {
  const times = reminderTimes(policy, slot.startsAt);
  // One whose time has already passed would never be sent.
  const ahead = KINDS.filter((kind) => times[kind] > ctx.clock.now());
  if (ahead.length === 0) return ahead;
  const recipient = to ?? (await recipientOf(db, booking.citizenUserId));
  await enqueueMany(
    ctx,
    db,
    ahead.map((kind) => ({
      dedupeKey: reminderKey(booking.id, booking.version, kind),
      chatId: recipient.chatId,
      language: recipient.language,
      key: `reception.notice.${kind}`,
      params: bookingParams(official, slot.startsAt, recipient.language),
      notBefore: times[kind],
    })),
  );
  return ahead;
}

/** Withdraws every reminder the booking was given so far, so a moved or cancelled booking never reminds of its old time. */
export async function withdrawReminders(db: DbOrTx, booking: Booking): Promise<number> {
  const keys: string[] = [];
  for (let v = 1; v <= booking.version; v++) for (const kind of KINDS) keys.push(reminderKey(booking.id, v, kind));
  return cancelQueued(db, keys);
}
