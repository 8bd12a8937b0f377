import { z } from "zod";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { APPEAL_CATEGORIES } from "./kinds.js";
import { transition } from "./transition.js";

const input = z.object({
  appealId: z.number().int().positive(),
  category: z.enum(APPEAL_CATEGORIES),
  /** Who reviews it; the classifier holds it when no one is named. */
  holderUserId: z.number().int().positive().optional(),
});

/** Preliminary review (Reg. 7.1.5): the registrar sets the category and the appeal goes to review. */
export async function classifyAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof input>) {
  const { appealId, category, holderUserId } = parseInput(input, raw);
  return transition(ctx, actor, {
    appealId,
    action: "classify",
    permission: "appeal.classify",
    event: "classified",
    data: { category },
    update: { category, holderUserId: holderUserId ?? actor.userId },
  });
}
