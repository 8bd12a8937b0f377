import { inArray } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { parseAppealNumber } from "./appeal-number.js";
import { groupWith, type GroupChange } from "./groups.js";

const data = z.object({ appealId: z.number().int().positive() });

/** "Add by number": the registrar types the numbers of appeals to join this appeal's group. */
export const groupAddFlow = defineFlow({ name: "group_add", permission: "appeal.group", steps: ["numbers"] as const, data });

const NUMBERS_MAX = 100;

export async function beginGroupAdd(ctx: Ctx, actor: Actor, appealId: number) {
  assertCan(actor, "appeal.group");
  return groupAddFlow.start(ctx, actor, { step: "numbers", data: { appealId: parseInput(z.number().int().positive(), appealId) } });
}

/** The typed numbers join the group, all or none; a refusal keeps the question open for another try. */
export async function finishGroupAdd(ctx: Ctx, actor: Actor, typed: string): Promise<GroupChange> {
  const { result } = await groupAddFlow.update(ctx, actor, async (state, inTx) => {
    const appealIds = await idsOfNumbers(inTx, typed);
    return { next: null, result: await groupWith(inTx, actor, { appealId: state.data.appealId, appealIds }) };
  });
  return result;
}

/** Numbers separated by spaces, commas or lines, each a registered appeal. */
async function idsOfNumbers(ctx: Ctx, typed: string): Promise<number[]> {
  const words = typed.split(/[\s,;]+/).filter(Boolean);
  if (words.length === 0 || words.length > NUMBERS_MAX) throw new DomainError("group_numbers", { max: NUMBERS_MAX });
  const numbers = words.map((w) => {
    const number = parseAppealNumber(w);
    if (!number) throw new DomainError("group_number_unknown", { number: w });
    return number;
  });
  const rows = await ctx.db.select({ id: appeals.id, number: appeals.number }).from(appeals).where(inArray(appeals.number, numbers));
  const missing = numbers.find((n) => !rows.some((r) => r.number === n));
  if (missing) throw new DomainError("group_number_unknown", { number: missing });
  return rows.map((r) => r.id);
}
