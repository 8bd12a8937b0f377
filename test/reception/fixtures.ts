import { and, asc, eq } from "drizzle-orm";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { addOfficial, type Official } from "../../core/reception/officials.js";
import { setWeeklyHours } from "../../core/reception/schedule.js";
import { outbox, receptionSlots } from "../../db/schema/index.js";

const WEEKDAYS = [1, 2, 3, 4, 5];

/** An official receiving Monday to Friday, 09:00–12:00 in half-hour slots with a break at 10:30–11:00. */
export async function officialWithHours(ctx: Ctx, staff: Actor, rules: { directBooking?: boolean; minNoticeHours?: number; bookingWindowDays?: number } = {}): Promise<Official> {
  const official = await addOfficial(ctx, staff, {
    nameKk: "Әлиев Марат",
    nameRu: "Алиев Марат",
    titleKk: "Сот әкімшілігі басшысының орынбасары",
    titleRu: "Заместитель руководителя Судебной администрации",
    placeKk: "Астана, Қабанбай батыр д-лы, 2, 3-қабат, 312-бөлме",
    placeRu: "Астана, пр. Кабанбай батыра, 2, 3 этаж, кабинет 312",
    bookingWindowDays: rules.bookingWindowDays ?? 30,
    minNoticeHours: rules.minNoticeHours ?? 24,
    directBooking: rules.directBooking ?? true,
  });
  await setWeeklyHours(ctx, staff, {
    officialId: official.id,
    hours: WEEKDAYS.map((weekday) => ({ weekday, starts: "09:00", ends: "12:00", slotMinutes: 30, breakStarts: "10:30", breakEnds: "11:00" })),
  });
  return official;
}

/** The id of the official's slot that starts at an instant. */
export async function slotAt(ctx: Ctx, officialId: number, at: string): Promise<number> {
  const [slot] = await ctx.db
    .select({ id: receptionSlots.id })
    .from(receptionSlots)
    .where(and(eq(receptionSlots.officialId, officialId), eq(receptionSlots.startsAt, new Date(at))));
  if (!slot) throw new Error(`no slot at ${at}`);
  return slot.id;
}

/** Outbox rows of reception messages to a chat, as the delivery worker would see them. */
export async function receptionMessages(ctx: Ctx, chatId: number) {
  const rows = await ctx.db.select().from(outbox).where(eq(outbox.chatId, chatId)).orderBy(asc(outbox.id));
  return rows
    .map((r) => ({ key: (r.payload as { key: string }).key, params: (r.payload as { params: Record<string, string> }).params, status: r.status, notBefore: r.notBefore.toISOString() }))
    .filter((m) => m.key.startsWith("reception."));
}
