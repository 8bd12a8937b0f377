import { z } from "zod";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import type { Booking } from "./notices.js";
import { declineRequest, type DeclineTemplate } from "./staff-decisions.js";

const ref = z.object({ bookingId: z.number().int().positive(), version: z.number().int().positive() });
export type DeclineState = FlowState<"reason", z.infer<typeof ref>>;

/** Reception staff typing, or picking, the reason to decline a request; the citizen reads it. */
export const declineFlow = defineFlow({ name: "reception_decline", permission: "reception.handle", steps: ["reason"] as const, data: ref });

export function beginDecline(ctx: Ctx, actor: Actor, raw: z.input<typeof ref>): Promise<DeclineState> {
  assertCan(actor, "reception.handle");
  return declineFlow.start(ctx, actor, { step: "reason", data: parseInput(ref, raw) });
}

export interface DeclineReason {
  reason: string;
  template?: DeclineTemplate;
  /** The request a quick-reason button was drawn for: one for another request is out of date. */
  drawnFor?: z.input<typeof ref>;
}

/** Declines the request the flow names, and ends the flow with it. */
export async function finishDecline(ctx: Ctx, actor: Actor, { reason, template, drawnFor }: DeclineReason): Promise<Booking> {
  const { result } = await declineFlow.update(ctx, actor, async ({ data }, inTx) => {
    if (drawnFor && (drawnFor.bookingId !== data.bookingId || drawnFor.version !== data.version)) throw new DomainError("stale_button");
    return { next: null, result: await declineRequest(inTx, actor, { ...data, reason, template }) };
  });
  return result;
}
