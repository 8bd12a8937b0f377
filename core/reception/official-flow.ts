import { z } from "zod";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { addOfficial, type Official } from "./officials.js";

export const OFFICIAL_STEPS = ["nameKk", "nameRu", "titleKk", "titleRu", "placeKk", "placeRu"] as const;
type Step = (typeof OFFICIAL_STEPS)[number];
export type OfficialAddState = FlowState<Step, Record<string, string>>;

/** A new official starts as most do: a month's window, a day's notice, by request; staff change it after. */
const STARTING_RULES = { bookingWindowDays: 30, minNoticeHours: 24, directBooking: false };

/** Reception staff add an official in chat: name, title and place of reception, each in Kazakh and in Russian. */
export const officialFlow = defineFlow({ name: "reception_official", permission: "reception.schedule", steps: OFFICIAL_STEPS, data: z.record(z.string(), z.string()) });

export function beginOfficialAdd(ctx: Ctx, actor: Actor): Promise<OfficialAddState> {
  assertCan(actor, "reception.schedule");
  return officialFlow.start(ctx, actor, { step: "nameKk", data: {} });
}

/** Keeps one answer; after the last the official is added (without hours yet). Returns the next question or the official. */
export async function officialAddAnswer(ctx: Ctx, actor: Actor, typed: string): Promise<{ next: OfficialAddState } | { official: Official }> {
  const { state, result } = await officialFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    const text = typed.trim();
    if (text.length < 2 || text.length > 300) throw new DomainError("unit_name_length", { min: 2, max: 300 });
    const answers = { ...data, [step]: text };
    const next = OFFICIAL_STEPS[OFFICIAL_STEPS.indexOf(step) + 1];
    if (next) return { next: { step: next, data: answers }, result: null };
    return { next: null, result: await addOfficial(inTx, actor, { ...(answers as Record<Step, string>), ...STARTING_RULES }) };
  });
  return result ? { official: result } : { next: state! };
}
