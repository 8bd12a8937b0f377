import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { returnDraft } from "./answer.js";

/** "Return with a comment": the approver chose Return and now types, or picks, the reason. */
export const RETURN_FLOW = "return_comment";

const draftRef = z.object({ appealId: z.number().int().positive(), answerId: z.number().int().positive() });
const stateSchema = z.object({ step: z.literal("comment"), data: draftRef });

export async function beginReturn(ctx: Ctx, actor: Actor, raw: z.input<typeof draftRef>): Promise<void> {
  const data = parseInput(draftRef, raw);
  assertCan(actor, "appeal.approve", {});
  await saveFlow(ctx, ctx.db, actor.userId, RETURN_FLOW, { step: "comment", data });
}

export async function currentReturn(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "appeal.approve");
  return loadFlow(ctx, ctx.db, actor.userId, RETURN_FLOW, stateSchema);
}

/** Returns the draft the flow names; a newer draft since then makes the flow stale. */
export async function finishReturn(ctx: Ctx, actor: Actor, comment: string) {
  const state = await currentReturn(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const result = await returnDraft(ctx, actor, { ...state.data, comment });
  await clearFlow(ctx.db, actor.userId, RETURN_FLOW);
  return result;
}

export async function cancelReturn(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, RETURN_FLOW);
}
