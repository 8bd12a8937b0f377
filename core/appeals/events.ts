import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { appealEvents } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import type { AppealState } from "./states.js";

export const EVENT_KINDS = [
  "registered",
  "classified",
  "forwarded_internal",
  "forwarded_external",
  "draft_submitted",
  "approved",
  "returned",
  "withdrawn",
  "supplemented",
  "rated",
  "complained",
  "returned_to_queue",
  "extension_requested",
  "deadline_extended",
  "extension_refused",
  "sent_by_post",
  "taken",
  "objected",
  "objection_decided",
  "reopened",
  "restricted",
  "unrestricted",
  "grouped",
  "ungrouped",
  "linked",
  "link_refused",
  "filed",
  "erased",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface NewEvent {
  appealId: number;
  actor: Actor | null;
  authorityUserId?: number | null;
  kind: EventKind;
  from?: AppealState | null;
  to?: AppealState | null;
  comment?: string | null;
  data?: Record<string, unknown>;
}

/** One line of the append-only trail, in the same transaction as the change it records. */
export async function appendEvent(ctx: Ctx, db: DbOrTx, event: NewEvent): Promise<number> {
  const [row] = await db.insert(appealEvents).values({
    appealId: event.appealId,
    at: ctx.clock.now(),
    actorUserId: event.actor?.userId ?? null,
    authorityUserId: event.authorityUserId ?? null,
    kind: event.kind,
    fromState: event.from ?? null,
    toState: event.to ?? null,
    comment: event.comment ?? null,
    data: event.data ?? {},
  }).returning({ id: appealEvents.id });
  return row!.id;
}

export type AppealEvent = typeof appealEvents.$inferSelect;

export async function eventsOf(db: DbOrTx, appealId: number): Promise<AppealEvent[]> {
  return db.select().from(appealEvents).where(eq(appealEvents.appealId, appealId)).orderBy(asc(appealEvents.id));
}
