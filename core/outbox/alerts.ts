import { count, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { outbox } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { roleHolders } from "../staff/recipients.js";
import { enqueueMany } from "./enqueue.js";

const HOUR_MS = 3_600_000;
/** Telegram's error as quoted to administrators: enough to tell a token from an outage. */
const ERROR_CHARS = 200;

/** What went wrong with delivery; each is told at most hourly, independently of the other. */
export type AlertTopic = "given_up" | "stalled";

/**
 * Tells every administrator, in their language, through the outbox itself: while Telegram is
 * down the alert waits there with everything else and goes out when Telegram answers again (the
 * error log has the news at once). At most once an hour per topic: the key names the hour, and
 * an alert of the previous hour that is less than an hour old holds this one back. Returns how
 * many were written.
 */
export async function alertAdmins(ctx: Ctx, db: DbOrTx, topic: AlertTopic, key: string, params: Record<string, string | number>): Promise<number> {
  const now = ctx.clock.now().getTime();
  const hour = Math.floor(now / HOUR_MS);
  const keyOf = (h: number, userId: number) => `delivery:${topic}:${h}:${userId}`;
  const admins = await roleHolders(ctx, db, { roles: ["admin"] });
  if (admins.length === 0) return 0;
  const earlier = await db
    .select({ dedupeKey: outbox.dedupeKey, createdAt: outbox.createdAt })
    .from(outbox)
    .where(inArray(outbox.dedupeKey, admins.flatMap((a) => [keyOf(hour, a.id), keyOf(hour - 1, a.id)])));
  const told = new Set(earlier.filter((row) => now - row.createdAt.getTime() < HOUR_MS).map((row) => row.dedupeKey.split(":").at(-1)));
  const due = admins.filter((admin) => !told.has(String(admin.id)));
  return enqueueMany(
    ctx,
    db,
    due.map((admin) => ({ dedupeKey: keyOf(hour, admin.id), chatId: admin.telegramId, language: admin.language, key, params })),
  );
}

/** Telegram's answer, short enough for a chat message. */
export const quoteError = (error: string): string => (error.length > ERROR_CHARS ? `${error.slice(0, ERROR_CHARS)}…` : error);

/** A message was given up: the administrators hear how many now wait for them, and why this one failed. */
export async function tellAdminsOfGiveUp(ctx: Ctx, db: DbOrTx, error: string): Promise<void> {
  const [failed] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, "failed"));
  await alertAdmins(ctx, db, "given_up", "delivery.alert.given_up", { count: failed?.n ?? 0, error: quoteError(error) });
}
