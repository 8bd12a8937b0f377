import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { assertCan, can } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { DomainError } from "../shared/errors.js";
import { parseAppealNumber } from "./appeal-number.js";

export interface FoundAppeal {
  id: number;
  number: string;
  state: string;
  dueOn: string;
  receivedAt: Date;
  /** Only for those who may see personal data. */
  name: string | null;
}

/** Enough to page through; a search that finds more needs more words. */
const LIMIT = 100;
const query = z.string().trim().min(2).max(200);

/** `%`, `_` and `\` are LIKE's own characters: typed by a person they mean themselves. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Staff search (DESIGN §1): by registration number, IIN/BIN, the applicant's name or words of the
 * text, newest first. Only what the actor may read comes back, and names and IINs are searched and
 * shown only for roles that may see personal data; ДСП items only with clearance.
 */
export async function searchAppeals(ctx: Ctx, actor: Actor, raw: string): Promise<FoundAppeal[]> {
  assertCan(actor, "appeal.search");
  const parsed = query.safeParse(raw);
  if (!parsed.success) throw new DomainError("search_query_length", { min: 2, max: 200 });
  const text = parsed.data;
  const readsAll = can(actor, "appeal.staff_view", {});
  const personal = can(actor, "appeal.personal_data", readsAll ? {} : { holderUserId: actor.userId });
  const number = parseAppealNumber(text);
  let match: SQL | undefined;
  if (number) match = eq(appeals.number, number);
  else if (/^\d{12}$/.test(text)) match = personal ? sql`(${appeals.applicant}->>'iin' = ${text} or ${appeals.applicant}->>'bin' = ${text})` : sql`false`;
  else {
    const pattern = likePattern(text);
    match = or(ilike(appeals.text, pattern), personal ? sql`${appeals.applicant}->>'fullName' ilike ${pattern}` : undefined);
  }
  const rows = await ctx.db
    .select({ id: appeals.id, number: appeals.number, state: appeals.state, dueOn: appeals.dueOn, receivedAt: appeals.receivedAt, name: sql<string>`${appeals.applicant}->>'fullName'` })
    .from(appeals)
    .where(and(match, readsAll ? undefined : eq(appeals.holderUserId, actor.userId), actor.clearance ? undefined : eq(appeals.restricted, false)))
    .orderBy(desc(appeals.receivedAt), desc(appeals.id))
    .limit(LIMIT);
  return rows.map((r) => ({ ...r, name: personal ? r.name : null }));
}
