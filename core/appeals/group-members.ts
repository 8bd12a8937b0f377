import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { appeals } from "../../db/schema/index.js";
import { DomainError } from "../shared/errors.js";
import { parseAppealNumber } from "./appeal-number.js";
import { isClosed, type AppealState } from "./states.js";
import type { AppealRow } from "./transition.js";

/** Where an appeal may be when it joins a group: not answered yet, and no draft of its own waiting. */
export const GROUPABLE_STATES: readonly AppealState[] = ["registered", "in_review", "forwarded_internal"];

/** The appeals of a group by number; `lock` holds them to the end of the caller's transaction. */
export async function membersOf(db: DbOrTx, groupId: number, options: { except?: number; lock?: boolean } = {}): Promise<AppealRow[]> {
  const query = db
    .select()
    .from(appeals)
    .where(and(eq(appeals.groupId, groupId), options.except === undefined ? undefined : ne(appeals.id, options.except)))
    .orderBy(asc(appeals.number));
  return options.lock ? query.for("update") : query;
}

/**
 * The lead answers for the group: the first open member by number, whose draft is the group's
 * draft. Once all are answered, the first by number still names the group.
 */
export function leadOf(members: readonly AppealRow[]): AppealRow | null {
  return members.find((m) => !isClosed(m.state as AppealState)) ?? members[0] ?? null;
}

/** The group's lead, or null for an appeal answered on its own. */
export async function leadOfAppeal(db: DbOrTx, appeal: Pick<AppealRow, "groupId">): Promise<AppealRow | null> {
  return appeal.groupId === null ? null : leadOf(await membersOf(db, appeal.groupId));
}

/** A draft is written on the lead only: the other members are answered by its approval. */
export async function assertDraftsOnLead(db: DbOrTx, appeal: AppealRow): Promise<void> {
  const lead = await leadOfAppeal(db, appeal);
  if (lead && lead.id !== appeal.id) throw new DomainError("group_member_draft", { lead: lead.number });
}

/** Members still waiting for the preliminary review: classifying the lead classifies them too. */
export async function registeredMembers(db: DbOrTx, lead: AppealRow): Promise<AppealRow[]> {
  if (lead.groupId === null) return [];
  const members = await membersOf(db, lead.groupId);
  if (leadOf(members)?.id !== lead.id) return [];
  return members.filter((m) => m.id !== lead.id && m.state === "registered");
}

/** How many applicants an answer on this appeal goes to: its group's open members, or just its own. */
export async function applicantsOf(db: DbOrTx, appeal: Pick<AppealRow, "groupId">): Promise<number> {
  if (appeal.groupId === null) return 1;
  return Math.max(1, (await membersOf(db, appeal.groupId)).filter((m) => !isClosed(m.state as AppealState)).length);
}

const NUMBERS_MAX = 100;

/** Appeals named by their registration numbers, as staff type them; an unknown one is named back. */
export async function idsOfNumbers(db: DbOrTx, words: readonly string[]): Promise<number[]> {
  if (words.length === 0 || words.length > NUMBERS_MAX) throw new DomainError("group_numbers", { max: NUMBERS_MAX });
  const numbers = words.map((w) => {
    const number = parseAppealNumber(w);
    if (!number) throw new DomainError("group_number_unknown", { number: w });
    return number;
  });
  const rows = await db.select({ id: appeals.id, number: appeals.number }).from(appeals).where(inArray(appeals.number, numbers));
  const missing = numbers.find((n) => !rows.some((r) => r.number === n));
  if (missing) throw new DomainError("group_number_unknown", { number: missing });
  return rows.map((r) => r.id);
}
