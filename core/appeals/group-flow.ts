import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { idsOfNumbers } from "./group-members.js";
import { groupWith, type GroupChange } from "./groups.js";

const data = z.object({ appealId: z.number().int().positive() });

/** "Add by number": the registrar types the numbers of appeals to join this appeal's group. */
export const groupAddFlow = defineFlow({ name: "group_add", permission: "appeal.group", steps: ["numbers"] as const, data });

export async function beginGroupAdd(ctx: Ctx, actor: Actor, appealId: number) {
  assertCan(actor, "appeal.group");
  return groupAddFlow.start(ctx, actor, { step: "numbers", data: { appealId: parseInput(z.number().int().positive(), appealId) } });
}

/** The typed numbers join the group, all or none; a refusal keeps the question open for another try. */
export async function finishGroupAdd(ctx: Ctx, actor: Actor, typed: string): Promise<GroupChange> {
  const { result } = await groupAddFlow.update(ctx, actor, async (state, inTx) => {
    const appealIds = await idsOfNumbers(inTx.db, typed.split(/[\s,;]+/).filter(Boolean));
    return { next: null, result: await groupWith(inTx, actor, { appealId: state.data.appealId, appealIds }) };
  });
  return result;
}
