import { and, asc, eq } from "drizzle-orm";
import { answerTemplates } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import type { CitizenProfile } from "../citizens/profile.js";
import type { Ctx } from "../shared/context.js";
import type { AppealRow } from "./transition.js";

export interface FilledTemplate {
  id: number;
  title: string;
  text: string;
}

/** DD.MM.YYYY, as the letter prints dates. */
const letterDate = (iso: string) => iso.split("-").reverse().join(".");

/** `{{name}}`, `{{number}}`, `{{received}}` from the appeal; an unknown placeholder stays visible for the author to fix. */
export function fillTemplate(body: string, appeal: Pick<AppealRow, "number" | "receivedAt" | "applicant">): string {
  const values: Record<string, string> = {
    name: (appeal.applicant as CitizenProfile).fullName,
    number: appeal.number,
    received: letterDate(almatyDate(appeal.receivedAt)),
  };
  return body.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The templates for the appeal's category, in the language its answer is written in. A group's
 * answer keeps the placeholders: each applicant's letter fills them with their own (see letterOf).
 */
export async function templatesFor(ctx: Ctx, appeal: AppealRow, { personal = true }: { personal?: boolean } = {}): Promise<FilledTemplate[]> {
  const rows = await ctx.db
    .select()
    .from(answerTemplates)
    .where(and(eq(answerTemplates.category, appeal.category ?? "general"), eq(answerTemplates.language, appeal.language), eq(answerTemplates.active, true)))
    .orderBy(asc(answerTemplates.id));
  return rows.map((t) => ({ id: t.id, title: t.title, text: personal ? fillTemplate(t.body, appeal) : t.body }));
}
