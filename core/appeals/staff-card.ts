import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { appealEvents, appealExtensions, appealFiles, appeals, storedFiles, users } from "../../db/schema/index.js";
import type { CitizenProfile } from "../citizens/profile.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { isClosed, type AppealState } from "./states.js";
import { GROUPABLE_STATES } from "./group-members.js";
import { groupSummary, type GroupSummary } from "./group-view.js";
import { assertCanTouch, type AppealRow } from "./transition.js";

export interface StaffCard {
  appeal: Pick<AppealRow, "id" | "number" | "state" | "type" | "category" | "language" | "receivedAt" | "dueOn" | "forwardDueOn" | "restricted" | "text" | "replyChannel">;
  /** Null when the actor's role may not see who wrote it. */
  applicant: (CitizenProfile & { postalAddress: string | null }) | null;
  holder: string | null;
  files: { id: number; fileName: string }[];
  /** The Head's last comment on a returned draft, for the one fixing it. */
  lastReturn: string | null;
  pendingExtension: { proposedDueOn: string; reason: string } | null;
  history: { at: Date; kind: string; actor: string | null; comment: string | null }[];
  /** The mass appeal it belongs to, with its lead; null when answered on its own. */
  group: GroupSummary | null;
  /** `group`: may put it in a group, or take it out, now. */
  may: { draft: boolean; extend: boolean; group: boolean };
}

const holder = alias(users, "holder");

/**
 * One appeal as staff see it (DESIGN §1): text, files, history and what the actor may do next.
 * Staff only: the owner reads their appeal in "My appeals", without the internal steps and comments.
 * A document for official use (ДСП) needs the clearance flag; personal data needs a role that may see it.
 */
export async function staffAppealCard(ctx: Ctx, actor: Actor, appealId: number): Promise<StaffCard> {
  assertMayAttempt(actor, "appeal.staff_view");
  const [row] = await ctx.db
    .select({ appeal: appeals, holder: holder.fullName })
    .from(appeals)
    .leftJoin(holder, eq(holder.id, appeals.holderUserId))
    .where(eq(appeals.id, appealId));
  if (!row) throw new DomainError("appeal_not_found");
  const { appeal } = row;
  if (appeal.restricted && !actor.clearance) throw new DomainError("clearance_required");
  assertCanTouch(actor, "appeal.staff_view", appeal);
  const resource = { ownerUserId: appeal.citizenUserId, holderUserId: appeal.holderUserId, restricted: appeal.restricted };
  const open = !isClosed(appeal.state as AppealState);
  const [files, events, extension] = await Promise.all([
    ctx.db
      .select({ id: storedFiles.id, fileName: storedFiles.fileName })
      .from(appealFiles)
      .innerJoin(storedFiles, eq(storedFiles.id, appealFiles.fileId))
      .where(eq(appealFiles.appealId, appealId))
      .orderBy(asc(appealFiles.fileId)),
    ctx.db
      .select({ at: appealEvents.at, kind: appealEvents.kind, actor: users.fullName, role: users.role, comment: appealEvents.comment })
      .from(appealEvents)
      .leftJoin(users, eq(users.id, appealEvents.actorUserId))
      .where(eq(appealEvents.appealId, appealId))
      .orderBy(desc(appealEvents.id)),
    ctx.db
      .select({ proposedDueOn: appealExtensions.proposedDueOn, reason: appealExtensions.reason })
      .from(appealExtensions)
      .where(and(eq(appealExtensions.appealId, appealId), isNull(appealExtensions.decidedAt))),
  ]);
  const seesPersonalData = can(actor, "appeal.personal_data", resource);
  const group = await groupSummary(ctx.db, actor, appeal.groupId);
  // A member's answer is drafted on its group's lead.
  const drafts = group === null || group.lead.id === appeal.id;
  return {
    appeal,
    applicant: seesPersonalData ? { ...(appeal.applicant as CitizenProfile), postalAddress: appeal.postalAddress } : null,
    holder: row.holder,
    files,
    lastReturn: events.find((e) => e.kind === "returned")?.comment ?? null,
    pendingExtension: extension[0] ?? null,
    group,
    history: [...events]
      .reverse()
      // A citizen's own words (a supplement) are in the text and files; the history says that it happened.
      .map((e) => ({ at: e.at, kind: e.kind, actor: e.role === "citizen" || !seesPersonalData ? null : e.actor, comment: e.role === "citizen" ? null : e.comment })),
    may: {
      draft: open && drafts && ["in_review", "forwarded_internal"].includes(appeal.state) && can(actor, "appeal.draft", resource),
      extend: open && !extension[0] && can(actor, "appeal.extension.request", resource),
      group: GROUPABLE_STATES.includes(appeal.state as AppealState) && can(actor, "appeal.group", resource),
    },
  };
}
