import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { myAppeal } from "./citizen-view.js";
import { objectToAnswer, OBJECTION_KINDS } from "./objection.js";

const objectionRef = z.object({ appealId: z.number().int().positive(), kind: z.enum(OBJECTION_KINDS) });

/** 👎 or "Complain about this answer" pressed: the citizen now writes what is wrong (👎 may go without words). */
export const objectionFlow = defineFlow({ name: "answer_objection", permission: "appeal.rate", steps: ["words"] as const, data: objectionRef });

export async function beginObjection(ctx: Ctx, actor: Actor, raw: z.input<typeof objectionRef>) {
  const data = parseInput(objectionRef, raw);
  const { appeal } = await myAppeal(ctx, actor, { appealId: data.appealId });
  if (appeal.state !== "answered") throw new DomainError(data.kind === "complaint" ? "complaint_needs_answer" : "rating_needs_answer");
  if (data.kind === "disliked" && appeal.rating !== null) throw new DomainError("already_rated");
  return objectionFlow.start(ctx, actor, { step: "words", data });
}

/** Puts the answer before the Head with these words, and ends the flow with it. */
export async function finishObjection(ctx: Ctx, actor: Actor, words: string) {
  const { result } = await objectionFlow.update(ctx, actor, async (state, inTx) => ({ next: null, result: await objectToAnswer(inTx, actor, { ...state.data, words }) }));
  return result;
}
