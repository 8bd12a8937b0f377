import { z } from "zod";
import { parseTypedDate } from "../calendar/dates.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseHoursText } from "./hours-text.js";
import { officialById } from "./officials.js";
import { setException, setWeeklyHours } from "./schedule.js";

type ScheduleStep = "hours" | "day_off";
const dataSchema = z.object({ officialId: z.number().int().positive() });
export type ScheduleEditState = FlowState<ScheduleStep, z.infer<typeof dataSchema>>;

/** Reception staff type an official's weekly hours, or a day the official is away. */
export const scheduleFlow = defineFlow({ name: "reception_schedule", permission: "reception.schedule", steps: ["hours", "day_off"] as const, data: dataSchema });

export async function beginScheduleEdit(ctx: Ctx, actor: Actor, officialId: number, step: ScheduleStep): Promise<ScheduleEditState> {
  assertCan(actor, "reception.schedule");
  await officialById(ctx.db, officialId, false);
  return scheduleFlow.start(ctx, actor, { step, data: { officialId } });
}

export interface ScheduleEdited {
  officialId: number;
  step: ScheduleStep;
  day?: string;
}

/**
 * Applies what was typed: new weekly hours, or a day off. Bookings on slots that go away are
 * never dropped silently: the schedule change offers their citizens another time.
 */
export async function finishScheduleEdit(ctx: Ctx, actor: Actor, typed: string): Promise<ScheduleEdited> {
  const { result } = await scheduleFlow.update<ScheduleEdited>(ctx, actor, async ({ step, data: { officialId } }, inTx) => {
    if (step === "hours") {
      await setWeeklyHours(inTx, actor, { officialId, hours: parseHoursText(typed) });
      return { next: null, result: { officialId, step } };
    }
    const day = parseTypedDate(typed);
    if (!day) throw new DomainError("reception_date_format");
    await setException(inTx, actor, { officialId, day, kind: "off" });
    return { next: null, result: { officialId, step, day } };
  });
  return result;
}
