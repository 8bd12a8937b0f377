import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { decideObjection, HEAD_DECISIONS } from "./objection.js";

const decisionRef = z.object({ executorId: z.number().int().positive(), decision: z.enum(HEAD_DECISIONS) });

/** The Head chose how to decide on a citizen's objection and now writes the reply, the instruction or the note. */
export const headDecisionFlow = defineFlow({ name: "objection_decision", permission: "appeal.approve", steps: ["text"] as const, data: decisionRef });

export async function beginHeadDecision(ctx: Ctx, actor: Actor, raw: z.input<typeof decisionRef>) {
  const data = parseInput(decisionRef, raw);
  assertCan(actor, "appeal.approve", {});
  return headDecisionFlow.start(ctx, actor, { step: "text", data });
}

export async function finishHeadDecision(ctx: Ctx, actor: Actor, text: string) {
  const { result } = await headDecisionFlow.update(ctx, actor, async (state, inTx) => ({ next: null, result: await decideObjection(inTx, actor, { ...state.data, text }) }));
  return result;
}
