import { z } from "zod";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { clearFlow, loadFlow, saveFlow, setFlowMessage } from "./store.js";

/**
 * A list of choices on screen (units, staff, officials…). While it is the latest thing the person
 * was shown, a word they type searches it; a command or another button ends that. The row names
 * the list, what it depends on, the page and the words typed, so a restart keeps them.
 */
export const LIST_FLOW = "list";

const dataSchema = z.object({
  list: z.string().min(1).max(8),
  args: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  page: z.number().int().min(0),
  query: z.string().max(200),
  /** What the list was asked for (the words after /find), when it is more than its buttons carry. */
  input: z.string().max(200).optional(),
});
const stateSchema = z.object({ step: z.literal("shown"), data: dataSchema });

export type ShownListData = z.infer<typeof dataSchema>;
export type ShownList = ShownListData & { messageId: number | null };

/** The longest search kept; a longer message is cut, not refused. */
export const QUERY_MAX = 200;

export async function rememberShownList(ctx: Ctx, actor: Actor, data: ShownListData, messageId: number): Promise<void> {
  await saveFlow(ctx, ctx.db, actor.userId, LIST_FLOW, { step: "shown", data: dataSchema.parse(data) });
  await setFlowMessage(ctx, actor.userId, LIST_FLOW, messageId);
}

export async function shownList(ctx: Ctx, actor: Actor): Promise<ShownList | null> {
  const state = await loadFlow(ctx, ctx.db, actor.userId, LIST_FLOW, stateSchema);
  return state ? { ...state.data, messageId: state.messageId } : null;
}

/** The list stops being the active step; returns what it was, for a press that turns its page. */
export async function takeShownList(ctx: Ctx, actor: Actor): Promise<ShownList | null> {
  const shown = await shownList(ctx, actor);
  if (shown) await clearFlow(ctx.db, actor.userId, LIST_FLOW);
  return shown;
}
