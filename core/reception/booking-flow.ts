import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import { getProfile } from "../citizens/profile.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { bookSlot, requestReception, type Booked } from "./booking.js";
import { officialById } from "./officials.js";

const STEPS = ["official", "matter", "link", "slot"] as const;
export type BookingStep = (typeof STEPS)[number];
const id = z.number().int().positive();
/** The official is there from "matter" on, the matter from "link" on; `askedLink` says Back from the times leads to the link. */
const dataSchema = z.object({ officialId: id.optional(), matter: z.string().min(3).max(1000).optional(), appealId: id.optional(), askedLink: z.boolean().optional() });
type BookingData = z.infer<typeof dataSchema>;
export type BookingState = FlowState<BookingStep, BookingData>;

/**
 * The citizen's booking in chat: the official is chosen, the matter is typed, one of the citizen's
 * appeals may be linked (asked only of those who have one), then a slot, a request or the waitlist.
 * Back goes one question up; the answer given there is asked again.
 */
export const bookingFlow = defineFlow({
  name: "reception_booking",
  permission: "reception.book",
  steps: STEPS,
  data: dataSchema,
  back({ step, data }) {
    if (step === "matter") return { step: "official", data: {} };
    if (step === "link" || (step === "slot" && !data.askedLink)) return { step: "matter", data: { officialId: data.officialId } };
    if (step === "slot") return { step: "link", data: { officialId: data.officialId, matter: data.matter, askedLink: true } };
    return null;
  },
});

/** "Book": the list of officials, for a citizen with a profile (Reg. 7.3.1: the person must be known). */
export async function beginBooking(ctx: Ctx, actor: Actor): Promise<BookingState> {
  assertCan(actor, "reception.book");
  if (!(await getProfile(ctx, actor))) throw new DomainError("profile_missing");
  await assertConsentNotWithdrawn(ctx.db, actor);
  return bookingFlow.start(ctx, actor, { step: "official", data: {} });
}

/** Moves the booking on from the step `expected`; a press on an older question is stale. */
async function advance(ctx: Ctx, actor: Actor, expected: BookingStep, change: (data: BookingData, inTx: Ctx) => Promise<{ step: BookingStep; data: BookingData }>): Promise<BookingState> {
  const { state } = await bookingFlow.update(ctx, actor, async (current, inTx) => {
    if (current.step !== expected) throw new DomainError("stale_button");
    return { next: await change(current.data, inTx), result: undefined };
  });
  return state!;
}

export function chooseOfficial(ctx: Ctx, actor: Actor, officialId: number): Promise<BookingState> {
  return advance(ctx, actor, "official", async (_data, inTx) => ({ step: "matter", data: { officialId: (await officialById(inTx.db, officialId)).id } }));
}

const matterInput = z.string().trim().min(3).max(1000);

/** The matter, stated briefly; too short or too long is asked again. The link is asked of those with an appeal. */
export function setBookingMatter(ctx: Ctx, actor: Actor, text: string): Promise<BookingState> {
  return advance(ctx, actor, "matter", async (data, inTx) => {
    const result = matterInput.safeParse(text);
    if (!result.success) throw new DomainError("reception_matter_length");
    const [anyAppeal] = await inTx.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.citizenUserId, actor.userId)).limit(1);
    return { step: anyAppeal ? "link" : "slot", data: { officialId: data.officialId, matter: result.data, askedLink: Boolean(anyAppeal) } };
  });
}

/** Links one of the citizen's own appeals to the booking, or none (`null`). */
export function linkBookingAppeal(ctx: Ctx, actor: Actor, appealId: number | null): Promise<BookingState> {
  return advance(ctx, actor, "link", async (data, inTx) => {
    if (appealId !== null) {
      const [own] = await inTx.db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.id, appealId), eq(appeals.citizenUserId, actor.userId)));
      if (!own) throw new DomainError("stale_button");
    }
    return { step: "slot", data: { ...data, appealId: appealId ?? undefined } };
  });
}

/** What the citizen chose at the times: a slot (booked, or preferred in a request), a request without a time, or the waitlist. */
export type BookingChoice = { slotId: number } | "request" | "waitlist";
export type BookingDone = { booked: Booked } | { requested: "requested" | "waiting" };

/**
 * Books, or sends the request, and ends the flow in the same transaction. A slot someone took a
 * moment ago leaves the flow at the times, to choose again.
 */
export async function completeBooking(ctx: Ctx, actor: Actor, choice: BookingChoice): Promise<BookingDone> {
  const { result } = await bookingFlow.update(ctx, actor, async ({ step, data }, inTx): Promise<{ next: null; result: BookingDone }> => {
    const { officialId, matter, appealId } = data;
    if (step !== "slot" || officialId === undefined || matter === undefined) throw new DomainError("stale_button");
    const official = await officialById(inTx.db, officialId);
    const slotId = typeof choice === "object" ? choice.slotId : undefined;
    if (slotId !== undefined && official.directBooking) return { next: null, result: { booked: await bookSlot(inTx, actor, { officialId, slotId, matter, appealId }) } };
    await requestReception(inTx, actor, { officialId, matter, appealId, preferredSlotId: slotId, waitlist: choice === "waitlist" });
    return { next: null, result: { requested: choice === "waitlist" ? "waiting" : "requested" } };
  });
  return result;
}
