import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { addOfficial, type Official } from "./officials.js";

/** Reception staff add an official in chat: name, title and place of reception, each in Kazakh and in Russian. */
export const OFFICIAL_FLOW = "reception_official";

export const OFFICIAL_STEPS = ["nameKk", "nameRu", "titleKk", "titleRu", "placeKk", "placeRu"] as const;
type Step = (typeof OFFICIAL_STEPS)[number];

/** A new official starts as most do: a month's window, a day's notice, by request; staff change it after. */
const STARTING_RULES = { bookingWindowDays: 30, minNoticeHours: 24, directBooking: false };

const stateSchema = z.object({ step: z.enum(OFFICIAL_STEPS), data: z.record(z.string(), z.string()) });

export async function beginOfficialAdd(ctx: Ctx, actor: Actor): Promise<void> {
  assertCan(actor, "reception.schedule");
  await saveFlow(ctx, ctx.db, actor.userId, OFFICIAL_FLOW, { step: "nameKk", data: {} });
}

export async function currentOfficialAdd(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "reception.schedule");
  return loadFlow(ctx, ctx.db, actor.userId, OFFICIAL_FLOW, stateSchema);
}

/** Keeps one answer; after the last the official is added (without hours yet). Returns the next step or the official. */
export async function officialAddAnswer(ctx: Ctx, actor: Actor, typed: string): Promise<{ next: Step } | { official: Official }> {
  const state = await currentOfficialAdd(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const text = typed.trim();
  if (text.length < 2 || text.length > 300) throw new DomainError("unit_name_length", { min: 2, max: 300 });
  const data = { ...state.data, [state.step]: text };
  const next = OFFICIAL_STEPS[OFFICIAL_STEPS.indexOf(state.step) + 1];
  if (next) {
    await saveFlow(ctx, ctx.db, actor.userId, OFFICIAL_FLOW, { step: next, data });
    return { next };
  }
  const official = await addOfficial(ctx, actor, { ...(data as Record<Step, string>), ...STARTING_RULES });
  await clearFlow(ctx.db, actor.userId, OFFICIAL_FLOW);
  return { official };
}
