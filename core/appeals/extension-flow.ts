import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { latestExtendedDeadline, loadPolicy } from "../calendar/deadlines.js";
import { nthWorkingDayAfter } from "../calendar/working-days.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { requestExtension } from "./extension.js";
import { assertCanTouch } from "./transition.js";

/** "Ask for more time": the reason is typed first, then the date is picked or typed. */
export const EXTENSION_FLOW = "extension_request";

const stateSchema = z.object({
  step: z.enum(["reason", "date"]),
  data: z.object({ appealId: z.number().int().positive(), reason: z.string().optional() }),
});

export interface ExtensionChoice {
  appealId: number;
  number: string;
  dueOn: string;
  /** Dates to offer as buttons: ten and twenty working days later, and the latest allowed. */
  suggestions: string[];
  latest: string;
}

export async function beginExtensionRequest(ctx: Ctx, actor: Actor, appealId: number): Promise<{ number: string }> {
  assertMayAttempt(actor, "appeal.extension.request");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  assertCanTouch(actor, "appeal.extension.request", appeal);
  await saveFlow(ctx, ctx.db, actor.userId, EXTENSION_FLOW, { step: "reason", data: { appealId } });
  return { number: appeal.number };
}

export async function currentExtensionRequest(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "appeal.extension.request");
  return loadFlow(ctx, ctx.db, actor.userId, EXTENSION_FLOW, stateSchema);
}

/** Keeps the reason and works out which dates to offer. */
export async function extensionReason(ctx: Ctx, actor: Actor, raw: string): Promise<ExtensionChoice> {
  const state = await currentExtensionRequest(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const reason = raw.trim().slice(0, 2000);
  if (!reason) throw new DomainError("comment_required");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, state.data.appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  const latest = latestExtendedDeadline(await loadPolicy(ctx.db, appeal.type), appeal.registeredOn);
  const calendar = await loadCalendar(ctx.db);
  const suggestions = [10, 20].map((n) => nthWorkingDayAfter(calendar, appeal.dueOn, n)).filter((d) => d <= latest);
  await saveFlow(ctx, ctx.db, actor.userId, EXTENSION_FLOW, { step: "date", data: { appealId: appeal.id, reason } });
  return { appealId: appeal.id, number: appeal.number, dueOn: appeal.dueOn, suggestions, latest };
}

/** Sends the request with the date; a refused date leaves the flow at the date, to try another. */
export async function extensionDate(ctx: Ctx, actor: Actor, dueOn: string) {
  const state = await currentExtensionRequest(ctx, actor);
  if (state?.step !== "date" || !state.data.reason) throw new DomainError("stale_button");
  const result = await requestExtension(ctx, actor, { appealId: state.data.appealId, reason: state.data.reason, dueOn });
  await clearFlow(ctx.db, actor.userId, EXTENSION_FLOW);
  return result;
}
