import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appealGroups, appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { parseAppealNumber } from "./appeal-number.js";
import { GROUPABLE_STATES, leadOf, membersOf } from "./group-members.js";
import { REPEAT_SIMILARITY, similarity } from "./subject.js";
import type { AppealRow } from "./transition.js";

export interface GroupSummary {
  id: number;
  title: string;
  lead: { id: number; number: string };
  /** The members the actor may see, by number, the lead among them. */
  members: { id: number; number: string; state: string }[];
  /** Members restricted (ДСП) from an actor without clearance: counted, not named. */
  hidden: number;
}

/** The group an appeal is in, as the actor may see it; null when it is answered on its own. */
export async function groupSummary(db: DbOrTx, actor: Actor, groupId: number | null): Promise<GroupSummary | null> {
  if (groupId === null) return null;
  const [group] = await db.select().from(appealGroups).where(eq(appealGroups.id, groupId));
  if (!group) return null;
  const members = await membersOf(db, groupId);
  const lead = leadOf(members)!;
  const visible = members.filter((m) => can(actor, "appeal.staff_view", { holderUserId: m.holderUserId, restricted: m.restricted }));
  return {
    id: group.id,
    title: group.title,
    lead: { id: lead.id, number: lead.number },
    members: visible.map((m) => ({ id: m.id, number: m.number, state: m.state })),
    hidden: members.length - visible.length,
  };
}

/** `group show`: a group by its id, or the group of an appeal by its number. */
export async function showGroup(ctx: Ctx, actor: Actor, ref: string): Promise<GroupSummary> {
  assertCan(actor, "appeal.group");
  const number = parseAppealNumber(ref);
  const groupId = number === null ? Number(ref) : ((await ctx.db.select({ groupId: appeals.groupId }).from(appeals).where(eq(appeals.number, number)))[0]?.groupId ?? null);
  const summary = Number.isSafeInteger(groupId) && groupId !== null && groupId > 0 ? await groupSummary(ctx.db, actor, groupId) : null;
  if (!summary) throw new DomainError("group_not_found");
  return summary;
}

const SUGGESTIONS_MAX = 200;

/**
 * Open appeals on the same subject as this one (the repeated-appeal detector's key), not in a
 * group yet and in its language: the registrar's suggestions for a mass appeal.
 */
export async function similarAppeals(ctx: Ctx, actor: Actor, appealId: number): Promise<{ number: string; similar: Pick<AppealRow, "id" | "number" | "state" | "receivedAt">[] }> {
  assertCan(actor, "appeal.group");
  const id = parseInput(z.number().int().positive(), appealId);
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, id));
  if (!appeal) throw new DomainError("appeal_not_found");
  if (appeal.restricted && !actor.clearance) throw new DomainError("group_restricted", { number: appeal.number });
  const candidates = await ctx.db
    .select({ id: appeals.id, number: appeals.number, state: appeals.state, receivedAt: appeals.receivedAt, subjectKey: appeals.subjectKey })
    .from(appeals)
    .where(
      and(
        inArray(appeals.state, [...GROUPABLE_STATES]),
        isNull(appeals.groupId),
        eq(appeals.language, appeal.language),
        actor.clearance ? undefined : eq(appeals.restricted, false),
      ),
    )
    .orderBy(asc(appeals.number));
  const similar = candidates
    .filter((c) => c.id !== appeal.id && similarity(c.subjectKey, appeal.subjectKey) >= REPEAT_SIMILARITY)
    .slice(0, SUGGESTIONS_MAX)
    .map(({ id, number, state, receivedAt }) => ({ id, number, state, receivedAt }));
  return { number: appeal.number, similar };
}
