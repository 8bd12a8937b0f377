import { z } from "zod";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { submitDraft } from "./answer.js";
import { APPEAL_CATEGORIES } from "./kinds.js";
import { forwardToStateBody } from "./registrar-queue.js";

/** `unitId` names the state body when forwarding; leaving without review needs none. */
const reasonData = z.object({ appealId: z.number().int().positive(), unitId: z.number().int().positive().optional(), category: z.enum(APPEAL_CATEGORIES) });

/** The registrar chose "Forward to a state body" or "Leave without review" and now types, or picks, the reason. */
export const registrarReasonFlow = defineFlow({
  // The row keeps the name it had when the registrar's queue was called the registry's.
  name: "registry_reason",
  permission: "appeal.classify",
  steps: ["external_reason", "leave_reason"] as const,
  data: reasonData,
});
type ReasonStep = (typeof registrarReasonFlow.steps)[number];

const beginInput = z.object({ step: z.enum(registrarReasonFlow.steps), data: reasonData });

export async function beginRegistrarReason(ctx: Ctx, actor: Actor, raw: z.input<typeof beginInput>): Promise<FlowState<ReasonStep, z.infer<typeof reasonData>>> {
  const state = parseInput(beginInput, raw);
  assertCan(actor, state.step === "external_reason" ? "appeal.forward" : "appeal.draft", {});
  return registrarReasonFlow.start(ctx, actor, state);
}

/**
 * Forwards or leaves without review the appeal the flow names, with the reason typed or pressed
 * on the question of `version`; the core refuses it if the appeal has moved on.
 */
export async function finishRegistrarReason(ctx: Ctx, actor: Actor, reason: string, version?: number) {
  const { result } = await registrarReasonFlow.update(ctx, actor, async ({ step, data, version: current }, inTx) => {
    if (version !== undefined && version !== current) throw new DomainError("stale_button");
    const { appealId, unitId, category } = data;
    let done;
    if (step === "leave_reason") done = await submitDraft(inTx, actor, { appealId, text: reason, outcome: "left_without_review", category });
    else if (unitId !== undefined) done = await forwardToStateBody(inTx, actor, { appealId, unitId, reason, category });
    else throw new DomainError("stale_button");
    return { next: null, result: { step, unitId, appeal: done.appeal } };
  });
  return result;
}
