import { Composer } from "grammy";
import { z } from "zod";
import { approveDraft, pendingDraft, returnDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import { forwardExternal, forwardInternal } from "../../core/appeals/forward.js";
import { APPEAL_CATEGORIES, DECISION_OUTCOMES } from "../../core/appeals/kinds.js";
import { appealIdByNumber } from "../../core/appeals/staff-view.js";
import { DomainError } from "../../core/shared/errors.js";
import { assertCan } from "../../core/shared/permissions.js";
import type { BotContext } from "../../bot/context.js";
import { send } from "../../bot/messages.js";

/**
 * The sandbox's plain staff commands, so a tester can take a demo appeal through its states and
 * watch the citizen's side. Each calls the same core use case as the real staff screens, under the
 * same policy: a citizen typing them is refused by the core, not by this file.
 */
export const demoStaffCommands = new Composer<BotContext>();

type Handler = (ctx: BotContext, appealId: number, rest: string) => Promise<unknown>;

const category = z.enum(APPEAL_CATEGORIES);
const outcome = z.enum(DECISION_OUTCOMES);

const COMMANDS: Record<string, Handler> = {
  classify: (ctx, appealId, rest) => classifyAppeal(ctx.deps.core, ctx.actor, { appealId, category: parse(category, rest) }),
  draft: (ctx, appealId, rest) => {
    const [first = "", ...words] = rest.split(/\s+/);
    return submitDraft(ctx.deps.core, ctx.actor, { appealId, outcome: parse(outcome, first), text: words.join(" ") });
  },
  // A typed command names no draft; the demo signs the one waiting, which the tester just saw drafted.
  approve: async (ctx, appealId) => {
    const draft = await pendingDraft(ctx.deps.core.db, appealId);
    return approveDraft(ctx.deps.core, ctx.actor, { appealId, answerId: draft?.id ?? 0 });
  },
  return: (ctx, appealId, rest) => returnDraft(ctx.deps.core, ctx.actor, { appealId, comment: rest }),
  forward_unit: (ctx, appealId, rest) => forwardInternal(ctx.deps.core, ctx.actor, { appealId, unit: rest }),
  forward_body: (ctx, appealId, rest) => {
    const [body = "", reason = ""] = rest.split("|").map((s) => s.trim());
    return forwardExternal(ctx.deps.core, ctx.actor, { appealId, body, reason });
  },
};

function parse<T extends z.ZodType>(schema: T, value: string): z.infer<T> {
  const result = schema.safeParse(value.trim());
  if (!result.success) throw new DomainError("demo_usage");
  return result.data;
}


demoStaffCommands.command(Object.keys(COMMANDS), async (ctx) => {
  assertCan(ctx.actor, "staff.menu");
  const name = ctx.message?.text?.slice(1).split(/[\s@]/)[0] ?? "";
  const [number = "", ...rest] = (typeof ctx.match === "string" ? ctx.match : "").trim().split(/\s+/);
  const appealId = await appealIdByNumber(ctx.deps.core, ctx.actor, number);
  const { appeal } = (await COMMANDS[name]!(ctx, appealId, rest.join(" "))) as { appeal: { number: string; state: string } };
  await send(ctx, ctx.t("staff.demo.done", { number: appeal.number, state: ctx.label(`appeal.state.${appeal.state}`) }));
});
