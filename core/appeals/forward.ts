import { z } from "zod";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { APPEAL_CATEGORIES } from "./kinds.js";
import { tellHolder } from "./holder-notice.js";
import { transition } from "./transition.js";

const text = (max: number) => z.string().trim().min(2).max(max);

/** The category of the preliminary review, when the registrar routes the appeal straight away. */
const category = z.enum(APPEAL_CATEGORIES).optional();
/** `holderUserId`: the unit's executor who drafts the answer, told in chat. */
const internalInput = z.object({ appealId: z.number().int().positive(), unit: text(200), category, holderUserId: z.number().int().positive().optional() });
const externalInput = z.object({ appealId: z.number().int().positive(), body: text(300), reason: text(1000), category });

/** To another JA unit (Reg. 7.1.6): its executor drafts the answer; the department keeps the deadline. */
export async function forwardInternal(ctx: Ctx, actor: Actor, raw: z.input<typeof internalInput>) {
  const { appealId, unit, category, holderUserId } = parseInput(internalInput, raw);
  return transition(ctx, actor, {
    update: { ...(category && { category }), ...(holderUserId && { holderUserId }) },
    appealId,
    action: "forward_internal",
    permission: "appeal.forward",
    event: "forwarded_internal",
    data: { unit, holderUserId },
    within: async (tx, appeal, eventId) => {
      if (holderUserId) await tellHolder(ctx, tx, holderUserId, `event:${eventId}:holder`, appeal.id, "staff.notice.forwarded_to_you", { number: appeal.number, due: appeal.dueOn });
    },
    notify: () => ({ key: "appeal.notice.forwarded_internal", params: { unit } }),
  });
}

/** To a competent state body (Reg. 7.1.7): closed here, the citizen told where and why. */
export async function forwardExternal(ctx: Ctx, actor: Actor, raw: z.input<typeof externalInput>) {
  const { appealId, body, reason, category } = parseInput(externalInput, raw);
  return transition(ctx, actor, {
    update: category ? { category } : undefined,
    appealId,
    action: "forward_external",
    permission: "appeal.forward",
    event: "forwarded_external",
    comment: reason,
    data: { body },
    notify: () => ({ key: "appeal.notice.forwarded_external", params: { body, reason } }),
  });
}
