import { z } from "zod";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { defineFlow } from "./flow.js";

/** The longest search kept; a longer message is cut, not refused. */
export const QUERY_MAX = 200;

const dataSchema = z.object({
  list: z.string().min(1).max(8),
  /** What the list depends on (the appeal being routed, its category, a role), by name, as its page buttons carry it. */
  args: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  page: z.number().int().min(0),
  query: z.string().max(QUERY_MAX),
  /** What the list was asked for (the words after /find), when it is more than its buttons carry. */
  input: z.string().max(200).optional(),
});

export type ShownListData = z.infer<typeof dataSchema>;
export type ShownList = ShownListData & { messageId: number | null };

/**
 * A list of choices on screen (units, staff, officials…). While it is the latest thing the person
 * was shown, a word they type searches it; a command or another button ends that. The row names
 * the list, what it depends on, the page and the words typed, so a restart keeps them.
 */
export const listFlow = defineFlow({ name: "list", permission: "list.search", steps: ["shown"] as const, data: dataSchema });

export async function rememberShownList(ctx: Ctx, actor: Actor, data: ShownListData, messageId: number): Promise<void> {
  const state = await listFlow.start(ctx, actor, { step: "shown", data });
  await listFlow.setMessage(ctx, actor, messageId, state.version);
}

/** The list stops being the active step; returns what it was, for a press that turns its page. */
export async function takeShownList(ctx: Ctx, actor: Actor): Promise<ShownList | null> {
  // Someone whose access ended keeps no list, and their next command is not refused over it.
  const state = actor.active ? await listFlow.load(ctx, actor) : null;
  await listFlow.end(ctx, actor);
  return state ? { ...state.data, messageId: state.messageId } : null;
}
