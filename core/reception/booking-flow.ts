import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { officialById } from "./officials.js";

/**
 * The citizen's booking in chat: the official is chosen, the matter is typed, one of the citizen's
 * appeals may be linked (asked only of those who have one), then a slot, a request or the waitlist.
 */
export const BOOKING_FLOW = "reception_booking";

/** The matter is there from the "link" step on. */
const stateSchema = z.object({
  step: z.enum(["matter", "link", "slot"]),
  data: z.object({ officialId: z.number().int().positive(), matter: z.string().min(3).max(1000).optional(), appealId: z.number().int().positive().optional() }),
});

export async function beginBooking(ctx: Ctx, actor: Actor, officialId: number): Promise<void> {
  assertCan(actor, "reception.book");
  await assertConsentNotWithdrawn(ctx.db, actor);
  await officialById(ctx.db, officialId);
  await saveFlow(ctx, ctx.db, actor.userId, BOOKING_FLOW, { step: "matter", data: { officialId } });
}

export async function currentBooking(ctx: Ctx, actor: Actor) {
  return loadFlow(ctx, ctx.db, actor.userId, BOOKING_FLOW, stateSchema);
}

const matterInput = z.string().trim().min(3).max(1000);

/** The matter, stated briefly; too short or too long is asked again. Returns the next step. */
export async function setBookingMatter(ctx: Ctx, actor: Actor, text: string): Promise<"link" | "slot"> {
  const state = await currentBooking(ctx, actor);
  if (state?.step !== "matter") throw new DomainError("stale_button");
  const result = matterInput.safeParse(text);
  if (!result.success) throw new DomainError("reception_matter_length");
  const [anyAppeal] = await ctx.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.citizenUserId, actor.userId)).limit(1);
  const step = anyAppeal ? "link" : "slot";
  await saveFlow(ctx, ctx.db, actor.userId, BOOKING_FLOW, { step, data: { officialId: state.data.officialId, matter: result.data } });
  return step;
}

/** Links one of the citizen's own appeals to the booking, or none (`null`). */
export async function linkBookingAppeal(ctx: Ctx, actor: Actor, appealId: number | null): Promise<void> {
  const state = await currentBooking(ctx, actor);
  if (state?.step !== "link") throw new DomainError("stale_button");
  if (appealId !== null) {
    const [own] = await ctx.db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.citizenUserId, actor.userId)));
    if (!own) throw new DomainError("stale_button");
  }
  await saveFlow(ctx, ctx.db, actor.userId, BOOKING_FLOW, { step: "slot", data: { ...state.data, appealId: appealId ?? undefined } });
}

/** What the slot step needs; a button from an older flow finds nothing. */
export async function bookingChoice(ctx: Ctx, actor: Actor): Promise<{ officialId: number; matter: string; appealId?: number }> {
  const state = await currentBooking(ctx, actor);
  const matter = state?.step === "slot" ? state.data.matter : undefined;
  if (!state || matter === undefined) throw new DomainError("stale_button");
  return { officialId: state.data.officialId, matter, appealId: state.data.appealId };
}

export async function finishBooking(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, BOOKING_FLOW);
}
