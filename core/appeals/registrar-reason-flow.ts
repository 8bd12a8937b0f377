import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { submitDraft } from "./answer.js";
import { APPEAL_CATEGORIES } from "./kinds.js";
import { forwardToStateBody } from "./registrar-queue.js";

/** The registrar chose "Forward to a state body" or "Leave without review" and now types, or picks, the reason. */
export const REGISTRAR_REASON_FLOW = "registry_reason";

/** `unitId` names the state body when forwarding; leaving without review needs none. */
const stateSchema = z.object({
  step: z.enum(["external_reason", "leave_reason"]),
  data: z.object({ appealId: z.number().int().positive(), unitId: z.number().int().positive().optional(), category: z.enum(APPEAL_CATEGORIES) }),
});

export async function beginRegistrarReason(ctx: Ctx, actor: Actor, raw: z.input<typeof stateSchema>): Promise<void> {
  const state = parseInput(stateSchema, raw);
  assertCan(actor, state.step === "external_reason" ? "appeal.forward" : "appeal.draft", {});
  await saveFlow(ctx, ctx.db, actor.userId, REGISTRAR_REASON_FLOW, state);
}

export async function currentRegistrarReason(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "appeal.classify");
  return loadFlow(ctx, ctx.db, actor.userId, REGISTRAR_REASON_FLOW, stateSchema);
}

/** Forwards or leaves without review the appeal the flow names; the core refuses it if it has moved on. */
export async function finishRegistrarReason(ctx: Ctx, actor: Actor, reason: string) {
  const state = await currentRegistrarReason(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const { appealId, unitId, category } = state.data;
  let result;
  if (state.step === "leave_reason") result = await submitDraft(ctx, actor, { appealId, text: reason, outcome: "left_without_review", category });
  else if (unitId !== undefined) result = await forwardToStateBody(ctx, actor, { appealId, unitId, reason, category });
  else throw new DomainError("stale_button");
  await clearFlow(ctx.db, actor.userId, REGISTRAR_REASON_FLOW);
  return { step: state.step, appeal: result.appeal };
}

export async function cancelRegistrarReason(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, REGISTRAR_REASON_FLOW);
}
