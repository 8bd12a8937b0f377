import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { returnDraft } from "./answer.js";

const draftRef = z.object({ appealId: z.number().int().positive(), answerId: z.number().int().positive() });

/** "Return with a comment": the approver chose Return and now types, or picks, the reason. */
export const returnFlow = defineFlow({ name: "return_comment", permission: "appeal.approve", steps: ["comment"] as const, data: draftRef });

export async function beginReturn(ctx: Ctx, actor: Actor, raw: z.input<typeof draftRef>) {
  const data = parseInput(draftRef, raw);
  assertCan(actor, "appeal.approve", {});
  return returnFlow.start(ctx, actor, { step: "comment", data });
}

/** Returns the draft the flow names, and ends the flow with it; a newer draft since then makes the flow stale. */
export async function finishReturn(ctx: Ctx, actor: Actor, comment: string) {
  const { result } = await returnFlow.update(ctx, actor, async (state, inTx) => ({ next: null, result: await returnDraft(inTx, actor, { ...state.data, comment }) }));
  return result;
}
