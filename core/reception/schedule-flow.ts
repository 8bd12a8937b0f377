import { z } from "zod";
import { parseTypedDate } from "../calendar/dates.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseHoursText } from "./hours-text.js";
import { officialById } from "./officials.js";
import { setException, setWeeklyHours } from "./schedule.js";

/** Reception staff type an official's weekly hours, or a day the official is away. */
export const SCHEDULE_FLOW = "reception_schedule";

const stateSchema = z.object({ step: z.enum(["hours", "day_off"]), data: z.object({ officialId: z.number().int().positive() }) });

export async function beginScheduleEdit(ctx: Ctx, actor: Actor, officialId: number, step: "hours" | "day_off"): Promise<void> {
  assertCan(actor, "reception.schedule");
  await officialById(ctx.db, officialId, false);
  await saveFlow(ctx, ctx.db, actor.userId, SCHEDULE_FLOW, { step, data: { officialId } });
}

export async function currentScheduleEdit(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "reception.schedule");
  return loadFlow(ctx, ctx.db, actor.userId, SCHEDULE_FLOW, stateSchema);
}

/**
 * Applies what was typed: new weekly hours, or a day off. Bookings on slots that go away are
 * never dropped silently: the schedule change offers their citizens another time.
 */
export async function finishScheduleEdit(ctx: Ctx, actor: Actor, typed: string): Promise<{ officialId: number; step: "hours" | "day_off"; day?: string }> {
  const state = await currentScheduleEdit(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const { officialId } = state.data;
  if (state.step === "hours") {
    await setWeeklyHours(ctx, actor, { officialId, hours: parseHoursText(typed) });
    await clearFlow(ctx.db, actor.userId, SCHEDULE_FLOW);
    return { officialId, step: "hours" };
  }
  const day = parseTypedDate(typed);
  if (!day) throw new DomainError("reception_date_format");
  await setException(ctx, actor, { officialId, day, kind: "off" });
  await clearFlow(ctx.db, actor.userId, SCHEDULE_FLOW);
  return { officialId, step: "day_off", day };
}
