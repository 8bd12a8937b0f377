import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { latestExtendedDeadline, loadPolicy } from "../calendar/deadlines.js";
import { nthWorkingDayAfter } from "../calendar/working-days.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { requestExtension } from "./extension.js";
import { assertCanTouch, type AppealRow } from "./transition.js";

const requestData = z.object({ appealId: z.number().int().positive(), reason: z.string().optional() });

/** "Ask for more time": the reason is typed first, then the date is picked or typed. */
export const extensionFlow = defineFlow({ name: "extension_request", permission: "appeal.extension.request", steps: ["reason", "date"] as const, data: requestData });
type RequestState = FlowState<(typeof extensionFlow.steps)[number], z.infer<typeof requestData>>;

export interface ExtensionChoice {
  appealId: number;
  number: string;
  dueOn: string;
  /** Dates to offer as buttons: ten and twenty working days later, and the latest allowed. */
  suggestions: string[];
  latest: string;
}

async function appealToExtend(ctx: Ctx, actor: Actor, appealId: number): Promise<AppealRow> {
  assertMayAttempt(actor, "appeal.extension.request");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  assertCanTouch(actor, "appeal.extension.request", appeal);
  return appeal;
}

export async function beginExtensionRequest(ctx: Ctx, actor: Actor, appealId: number): Promise<RequestState> {
  const appeal = await appealToExtend(ctx, actor, appealId);
  return extensionFlow.start(ctx, actor, { step: "reason", data: { appealId: appeal.id } });
}

/** The appeal the request is for, and which dates to offer. */
export async function extensionChoice(ctx: Ctx, actor: Actor, appealId: number): Promise<ExtensionChoice> {
  const appeal = await appealToExtend(ctx, actor, appealId);
  const latest = latestExtendedDeadline(await loadPolicy(ctx.db, appeal.type), appeal.registeredOn);
  const calendar = await loadCalendar(ctx.db);
  const suggestions = [10, 20].map((n) => nthWorkingDayAfter(calendar, appeal.dueOn, n)).filter((d) => d <= latest);
  return { appealId: appeal.id, number: appeal.number, dueOn: appeal.dueOn, suggestions, latest };
}

/** Keeps the reason; the date is asked next. */
export async function extensionReason(ctx: Ctx, actor: Actor, raw: string): Promise<RequestState> {
  const reason = raw.trim().slice(0, 2000);
  if (!reason) throw new DomainError("comment_required");
  const { state } = await extensionFlow.advance(ctx, actor, (current) => {
    if (current.step !== "reason") throw new DomainError("stale_button");
    return { next: { step: "date", data: { appealId: current.data.appealId, reason } }, result: undefined };
  });
  return state!;
}

/**
 * Sends the request with the date, typed or pressed on the question of `version`; a refused
 * date leaves the flow at the date, to try another.
 */
export async function extensionDate(ctx: Ctx, actor: Actor, dueOn: string, version?: number) {
  const { result } = await extensionFlow.update(ctx, actor, async (current, inTx) => {
    const { appealId, reason } = current.data;
    if (current.step !== "date" || !reason || (version !== undefined && version !== current.version)) throw new DomainError("stale_button");
    return { next: null, result: await requestExtension(inTx, actor, { appealId, reason, dueOn }) };
  });
  return result;
}
