import { sql } from "drizzle-orm";
import { receptionBookings } from "../../db/schema/index.js";
import { storedPayload } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import type { Booking, Recipient } from "./notices.js";
import { reminderKeyOf, type Reminder } from "./reminders.js";

/**
 * A citizen's booking of a slot and its reminders, written by one statement: the slot's unique index
 * is held by a rival for one round trip instead of a transaction's four, and both rows exist
 * together or not at all.
 */
export async function insertBooking(
  ctx: Ctx,
  actor: Actor,
  fields: { officialId: number; slotId: number; matter: string; appealId?: number },
  reminders: Reminder[],
  to: Recipient,
): Promise<Booking> {
  const now = ctx.clock.now();
  const db = ctx.db;
  const booked = db.$with("booked").as(
    db
      .insert(receptionBookings)
      .values({ ...fields, citizenUserId: actor.userId, status: "booked", createdAt: now, updatedAt: now })
      .returning(),
  );
  const rows = reminders.map((r) => ({ kind: r.kind, at: r.at.toISOString(), payload: storedPayload({ key: r.key, params: r.params }) }));
  const reminded = db.$with("reminded", {}).as(
    sql`insert into outbox (dedupe_key, chat_id, language, payload, not_before, due_at, created_at)
        select ${reminderKeyOf(sql`b.id`, sql`b.version`, sql`r.kind`)}, ${to.chatId}, ${to.language}, r.payload, r.at, r.at, ${now.toISOString()}::timestamptz
        from ${booked} b cross join jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(kind text, payload jsonb, at timestamptz)
        on conflict (dedupe_key) do nothing`,
  );
  const [booking] = await db.with(booked, reminded).select().from(booked);
  return booking!;
}
