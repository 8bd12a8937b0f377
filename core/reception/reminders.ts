import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { addDays, almatyDate } from "../calendar/dates.js";
import { cancelQueued, enqueueMany } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { HOUR_MS, almatyAt } from "./local-time.js";
import type { Language } from "../shared/roles.js";
import { bookingParams, recipientOf, type Booking } from "./notices.js";
import type { Official } from "./officials.js";
import type { ReceptionPolicy } from "./policy.js";
import type { Slot } from "./slots.js";

const KINDS = ["remind_evening", "remind_soon"] as const;
export type ReminderKind = (typeof KINDS)[number];

export function reminderKey(bookingId: number, version: number, kind: ReminderKind): string {
  return `reception:${bookingId}:v${version}:${kind}`;
}

/** `reminderKey` spelled in SQL, for reminders written in the statement that writes their booking. */
export function reminderKeyOf(bookingId: SQL, version: SQL, kind: SQL): SQL {
  return sql`'reception:' || ${bookingId} || ':v' || ${version} || ':' || ${kind}`;
}

/** When each reminder goes: the evening before at the policy's time, and the policy's hours before. */
export function reminderTimes(policy: ReceptionPolicy, startsAt: Date): Record<ReminderKind, Date> {
  return {
    remind_evening: almatyAt(addDays(almatyDate(startsAt), -1), policy.eveningReminderAt),
    remind_soon: new Date(startsAt.getTime() - policy.lastReminderHours * HOUR_MS),
  };
}

export interface Reminder {
  kind: ReminderKind;
  at: Date;
  /** The notice, with the booking's who, when and where in the citizen's language. */
  key: string;
  params: Record<string, string>;
}

/** The reminders of a booking at `slot`: only those still ahead, since one whose time has passed would never be sent. */
export function remindersAhead(ctx: Ctx, policy: ReceptionPolicy, official: Official, slot: Slot, language: Language): Reminder[] {
  const times = reminderTimes(policy, slot.startsAt);
  return KINDS.filter((kind) => times[kind] > ctx.clock.now()).map((kind) => ({
    kind,
    at: times[kind],
    key: `reception.notice.${kind}`,
    params: bookingParams(official, slot.startsAt, language),
  }));
}

/**
 * Writes the booking's reminders as outbox rows that wait for their time (Reg. 7.3.1), in the
 * booking's transaction, and says which: only those still ahead, so the confirmation promises
 * no more than will come.
 */
export async function scheduleReminders(ctx: Ctx, db: DbOrTx, policy: ReceptionPolicy, booking: Booking, official: Official, slot: Slot): Promise<ReminderKind[]> {
  const to = await recipientOf(db, booking.citizenUserId);
  const ahead = remindersAhead(ctx, policy, official, slot, to.language);
  await enqueueMany(
    ctx,
    db,
    ahead.map((r) => ({ dedupeKey: reminderKey(booking.id, booking.version, r.kind), chatId: to.chatId, language: to.language, key: r.key, params: r.params, notBefore: r.at })),
  );
  return ahead.map((r) => r.kind);
}

/** Withdraws every reminder the booking was given so far, so a moved or cancelled booking never reminds of its old time. */
export async function withdrawReminders(db: DbOrTx, booking: Booking): Promise<number> {
  const keys: string[] = [];
  for (let v = 1; v <= booking.version; v++) for (const kind of KINDS) keys.push(reminderKey(booking.id, v, kind));
  return cancelQueued(db, keys);
}
