import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { setRestricted } from "./restrict.js";

const markRef = z.object({ entryId: z.number().int().positive(), restricted: z.boolean() });

/** Marking a journal line ДСП, or lifting the mark: the registrar pressed the button and now types why. */
export const markFlow = defineFlow({ name: "registry_mark", permission: "registry.restrict", steps: ["reason"] as const, data: markRef });

export function beginMark(ctx: Ctx, actor: Actor, raw: z.input<typeof markRef>) {
  const data = parseInput(markRef, raw);
  assertCan(actor, "registry.restrict");
  if (!actor.clearance) throw new DomainError("clearance_required");
  return markFlow.start(ctx, actor, { step: "reason", data });
}

/** Sets the mark the flow names with the reason typed, and ends the flow. */
export async function finishMark(ctx: Ctx, actor: Actor, reason: string) {
  const { result } = await markFlow.update(ctx, actor, async ({ data }, inTx) => ({
    next: null,
    result: { ...data, ...(await setRestricted(inTx, actor, { target: "entry", id: data.entryId, restricted: data.restricted, reason })) },
  }));
  return result;
}
