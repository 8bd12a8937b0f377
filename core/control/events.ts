import type { DbOrTx } from "../../db/client.js";
import { controlEvents } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { recordedUserId } from "../staff/operator.js";

export const CONTROL_EVENT_KINDS = [
  "recorded",
  "reminded",
  "overdue_reported",
  "report_submitted",
  "report_accepted",
  "report_returned",
  "extension_requested",
  "extension_granted",
  "extension_refused",
  "decided_by_head",
] as const;
export type ControlEventKind = (typeof CONTROL_EVENT_KINDS)[number];

export interface NewControlEvent {
  documentId: number;
  executorId?: number | null;
  /** Null for what the scheduler does on its own. */
  actor: Actor | null;
  kind: ControlEventKind;
  comment?: string | null;
  data?: Record<string, unknown>;
}

/** One line of the append-only trail, in the same transaction as the change it records. */
export async function appendControlEvent(ctx: Ctx, db: DbOrTx, event: NewControlEvent): Promise<number> {
  const [row] = await db
    .insert(controlEvents)
    .values({
      documentId: event.documentId,
      executorId: event.executorId ?? null,
      at: ctx.clock.now(),
      actorUserId: event.actor ? recordedUserId(event.actor) : null,
      kind: event.kind,
      comment: event.comment ?? null,
      data: event.data ?? {},
    })
    .returning({ id: controlEvents.id });
  return row!.id;
}
