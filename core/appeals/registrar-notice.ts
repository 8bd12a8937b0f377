import { and, asc, eq, gt, inArray, like } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { outbox, staffReminderSettings } from "../../db/schema/index.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Ctx } from "../shared/context.js";
import { roleHolders, type StaffMember } from "../staff/recipients.js";
import type { AppealRow } from "./transition.js";
import { preview } from "../../locales/format.js";

/** The buttons under a new appeal's notice (Take), and under a gathered one (Open queue). */
export const TAKE_KEYBOARD = "appeal.take";
export const QUEUE_KEYBOARD = "appeal.queue";

/** A burst is counted over a minute: at most two single notices in it, the rest gathered into a third. */
const WINDOW_MS = 60_000;
const SINGLES_PER_WINDOW = 2;
const SUMMARY_CHARS = 300;

/** Names of a registrar's notices about new appeals: one per appeal, or the gathering one a burst opened. */
export const singleKey = (registrarId: number, appealId: number) => `new_appeal:${registrarId}:${appealId}`;
export const gatherKey = (registrarId: number, appealId: number) => `new_appeal:${registrarId}:gather:${appealId}`;

/**
 * A new appeal is news for the registry (Reg. 7.1.5): each registrar is told with the summary and
 * Take. A burst is gathered: past two notices within a minute, the rest wait in one message that
 * goes when the minute ends and says how many came. Registrars who turned the digest off hear
 * nothing of this kind (their queue still has it). Written in the registration's transaction.
 */
export async function tellRegistrarsOfNewAppeal(ctx: Ctx, tx: Tx, appeal: AppealRow): Promise<void> {
  const registrars = await roleHolders(ctx, tx, { roles: ["registrar"], clearedOnly: appeal.restricted });
  if (registrars.length === 0) return;
  const muted = await tx
    .select({ userId: staffReminderSettings.userId })
    .from(staffReminderSettings)
    .where(and(inArray(staffReminderSettings.userId, registrars.map((r) => r.id)), eq(staffReminderSettings.digestMuted, true)));
  const quiet = new Set(muted.map((m) => m.userId));
  for (const registrar of registrars) if (!quiet.has(registrar.id)) await tellOne(ctx, tx, registrar, appeal);
}

async function tellOne(ctx: Ctx, tx: Tx, registrar: StaffMember, appeal: AppealRow): Promise<void> {
  const mine = like(outbox.dedupeKey, `new_appeal:${registrar.id}:%`);
  // A gathering message not yet taken for sending takes this appeal too.
  const [open] = await tx
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.chatId, registrar.telegramId), mine, like(outbox.dedupeKey, `new_appeal:${registrar.id}:gather:%`), eq(outbox.status, "pending")))
    .for("update");
  if (open) {
    const count = Number((open.payload as { params?: { count?: number } }).params?.count ?? 1) + 1;
    await tx.update(outbox).set({ payload: { key: "staff.notice.new_appeals", params: { count }, fileIds: [], keyboard: { name: QUEUE_KEYBOARD, ref: 0 } } }).where(eq(outbox.id, open.id));
    return;
  }
  const now = ctx.clock.now();
  const recent = await tx
    .select({ createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.chatId, registrar.telegramId), mine, gt(outbox.createdAt, new Date(now.getTime() - WINDOW_MS))))
    .orderBy(asc(outbox.createdAt));
  const gathering = recent.length >= SINGLES_PER_WINDOW;
  await enqueue(ctx, tx, {
    dedupeKey: gathering ? gatherKey(registrar.id, appeal.id) : singleKey(registrar.id, appeal.id),
    chatId: registrar.telegramId,
    language: registrar.language,
    key: "staff.notice.new_appeal",
    params: { number: appeal.number, type: appeal.type, summary: summaryOf(appeal.text) },
    keyboard: { name: TAKE_KEYBOARD, ref: appeal.id },
    // Held to the minute's end, so whatever else comes in it joins this one message.
    ...(gathering && { notBefore: new Date(recent[0]!.createdAt.getTime() + WINDOW_MS) }),
  });
}

/** The start of the text on one line, cut at a word (never inside an emoji): the whole is one tap away. */
function summaryOf(text: string): string {
  return preview(text.replace(/\s+/g, " ").trim(), SUMMARY_CHARS);
}
