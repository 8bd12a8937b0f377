import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { appealGroups, appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { classify } from "./classify.js";
import { appendEvent } from "./events.js";
import { GROUPABLE_STATES, leadOf, membersOf } from "./group-members.js";
import type { AppealCategory } from "./kinds.js";
import { isClosed, type AppealState } from "./states.js";
import { lockAppeal, type AppealRow } from "./transition.js";

const ids = z.array(z.number().int().positive()).min(1).max(500);
const TITLE_MAX = 200;

export interface GroupChange {
  groupId: number;
  title: string;
  /** Appeals in the group now. */
  total: number;
  lead: AppealRow;
  /** The appeals this change put in the group; one already there is not counted again. */
  added: AppealRow[];
}

const withInput = z.object({ appealId: z.number().int().positive(), appealIds: ids, title: z.string().trim().min(1).max(TITLE_MAX).optional() });

/**
 * Mass appeals: the appeals join the group of `appealId`, which starts one when it has none. All
 * join or none do: a refusal names the appeal and changes nothing; one already in the group is
 * left as it is.
 */
export async function groupWith(ctx: Ctx, actor: Actor, raw: z.input<typeof withInput>): Promise<GroupChange> {
  const { appealId, appealIds, title } = parseInput(withInput, raw);
  assertCan(actor, "appeal.group");
  return ctx.db.transaction(async (tx) => {
    // Locked with the others in `join`, after the group: every change of membership locks in that order.
    const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, appealId));
    if (!appeal) throw new DomainError("appeal_not_found");
    const groupId = appeal.groupId ?? (await newGroup(ctx, tx, actor, appeal, title));
    return join(ctx, tx, actor, groupId, [appealId, ...appealIds]);
  });
}

const addInput = z.object({ groupId: z.number().int().positive(), appealIds: ids });

export async function addToGroup(ctx: Ctx, actor: Actor, raw: z.input<typeof addInput>): Promise<GroupChange> {
  const { groupId, appealIds } = parseInput(addInput, raw);
  assertCan(actor, "appeal.group");
  return ctx.db.transaction(async (tx) => join(ctx, tx, actor, groupId, appealIds));
}

async function newGroup(ctx: Ctx, tx: Tx, actor: Actor, appeal: AppealRow, title: string | undefined): Promise<number> {
  const [group] = await tx
    .insert(appealGroups)
    .values({ title: title ?? defaultTitle(appeal.text), subjectKey: appeal.subjectKey, createdBy: actor.userId, createdAt: ctx.clock.now() })
    .returning({ id: appealGroups.id });
  return group!.id;
}

/** The first words of the appeal that started the group, for staff to recognise it by. */
function defaultTitle(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= 80 ? line : `${line.slice(0, 79)}…`;
}

async function lockGroup(tx: Tx, groupId: number): Promise<{ title: string }> {
  const [group] = await tx.select({ title: appealGroups.title }).from(appealGroups).where(eq(appealGroups.id, groupId)).for("update");
  if (!group) throw new DomainError("group_not_found");
  return group;
}

async function join(ctx: Ctx, tx: Tx, actor: Actor, groupId: number, appealIds: number[]): Promise<GroupChange> {
  // The group's row orders changes of its membership; the appeals are locked in id order.
  const { title } = await lockGroup(tx, groupId);
  const candidates = await tx.select().from(appeals).where(inArray(appeals.id, [...new Set(appealIds)])).orderBy(asc(appeals.id)).for("update");
  if (candidates.length !== new Set(appealIds).size) throw new DomainError("appeal_not_found");
  const joining = candidates.filter((a) => a.groupId !== groupId);
  const current = await membersOf(tx, groupId);
  if (current.length > 0 && current.every((m) => isClosed(m.state as AppealState))) throw new DomainError("group_answered");
  const lead = leadOf([...current, ...joining].sort((a, b) => a.number.localeCompare(b.number)))!;
  assertChangeable(current);
  // One letter text for all: the group answers in the language of those already in it.
  const first = current[0] ?? lead;
  for (const appeal of joining) assertJoinable(actor, appeal, first);
  for (const appeal of joining) await enter(ctx, tx, actor, appeal, groupId, lead);
  return { groupId, title, total: current.length + joining.length, lead, added: joining };
}

/** A group whose draft waits for signature keeps its members: the approver was told how many. */
function assertChangeable(members: readonly AppealRow[]): void {
  const lead = leadOf(members);
  if (lead?.state === "awaiting_approval") throw new DomainError("group_awaiting_approval", { lead: lead.number });
}

function assertJoinable(actor: Actor, appeal: AppealRow, first: AppealRow): void {
  const number = appeal.number;
  if (appeal.restricted && !actor.clearance) throw new DomainError("group_restricted", { number });
  if (!GROUPABLE_STATES.includes(appeal.state as AppealState)) {
    throw new DomainError(isClosed(appeal.state as AppealState) ? "group_appeal_closed" : "group_appeal_awaiting", { number });
  }
  if (appeal.groupId !== null) throw new DomainError("group_other", { number });
  if (appeal.language !== first.language) throw new DomainError("group_language", { number, other: first.number });
}

/**
 * The appeal takes the lead's holder, so one reviewer works on the group; when the lead is past the
 * preliminary review, a new appeal follows it there with the lead's category.
 */
async function enter(ctx: Ctx, tx: Tx, actor: Actor, appeal: AppealRow, groupId: number, lead: AppealRow): Promise<void> {
  const holderUserId = lead.holderUserId ?? appeal.holderUserId;
  await tx.update(appeals).set({ groupId, holderUserId, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appeal.id));
  await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind: "grouped", data: { groupId, lead: lead.number } });
  if (appeal.state === "registered" && lead.state !== "registered" && lead.category && lead.holderUserId) {
    await classify({ ...ctx, db: tx }, actor, { appealId: appeal.id, category: lead.category as AppealCategory, holderUserId: lead.holderUserId }, { withGroup: false });
  }
}

const removeInput = z.object({ appealId: z.number().int().positive() });

/** Out of its group before the group's approval: answered on its own from then on. */
export async function removeFromGroup(ctx: Ctx, actor: Actor, raw: z.input<typeof removeInput>): Promise<{ appeal: AppealRow; groupId: number }> {
  const { appealId } = parseInput(removeInput, raw);
  assertCan(actor, "appeal.group");
  return ctx.db.transaction(async (tx) => {
    const [seen] = await tx.select({ groupId: appeals.groupId }).from(appeals).where(eq(appeals.id, appealId));
    if (seen?.groupId) await lockGroup(tx, seen.groupId);
    const appeal = await lockAppeal(tx, appealId);
    if (appeal.restricted && !actor.clearance) throw new DomainError("group_restricted", { number: appeal.number });
    // Moved to another group meanwhile: that group was not locked, so this is an old button.
    if (appeal.groupId === null || appeal.groupId !== seen?.groupId) throw new DomainError("group_not_member", { number: appeal.number });
    const groupId = appeal.groupId;
    if (isClosed(appeal.state as AppealState)) throw new DomainError("group_appeal_closed", { number: appeal.number });
    assertChangeable(await membersOf(tx, groupId));
    const [updated] = await tx.update(appeals).set({ groupId: null, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appeal.id)).returning();
    await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind: "ungrouped", data: { groupId } });
    return { appeal: updated!, groupId };
  });
}
