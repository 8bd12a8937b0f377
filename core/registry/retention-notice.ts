import type { DbOrTx } from "../../db/client.js";
import type { destructionActs } from "../../db/schema/index.js";
import { enqueueMany, type OutboxMessage, type OutboxPart } from "../outbox/enqueue.js";
import { languageOf } from "../people/language.js";
import type { Ctx } from "../shared/context.js";
import { currentApprovers } from "../staff/approvers.js";
import { roleHolders } from "../staff/recipients.js";
import type { DueCase } from "./retention.js";

/** The button under the Head's notice that approves the act it names. */
export const APPROVE_ACT_KEYBOARD = "retention.approve";

/** A notice lists this many cases; the rest are counted (the console shows them all). */
const CASES_SHOWN = 20;

/**
 * Tells the registrars and whoever signs for the Head now that an act is drafted, each once in
 * their language; the signers get the approve button under it.
 */
export async function tellOfDraftedAct(ctx: Ctx, db: DbOrTx, act: typeof destructionActs.$inferSelect, cases: readonly DueCase[]): Promise<number> {
  const [registrars, approvers] = await Promise.all([roleHolders(ctx, db, { roles: ["registrar"] }), currentApprovers(ctx, db, ctx.clock.now())]);
  const params = {
    number: act.number,
    cases: cases.length,
    appeals: cases.reduce((n, c) => n + c.appeals, 0),
    entries: cases.reduce((n, c) => n + c.entries, 0),
  };
  const parts: OutboxPart[] = cases.slice(0, CASES_SHOWN).map((c) => ({
    key: "nomenclature.notice.act_case",
    params: { index: c.index, title: c.title, year: c.year, through: c.keptThrough, appeals: c.appeals, entries: c.entries },
  }));
  if (cases.length > CASES_SHOWN) parts.push({ key: "nomenclature.notice.more_cases", params: { count: cases.length - CASES_SHOWN } });
  const message = (person: { id: number; telegramId: number; language: string }, approve: boolean): OutboxMessage => ({
    dedupeKey: `retention:act:${act.id}:${person.id}`,
    chatId: person.telegramId,
    language: person.language,
    key: approve ? "nomenclature.notice.act_to_approve" : "nomenclature.notice.act_drafted",
    params,
    parts,
    ...(approve && { keyboard: { name: APPROVE_ACT_KEYBOARD, ref: act.id } }),
  });
  const signers = approvers.map((a) => ({ id: a.id, telegramId: a.telegramId, language: languageOf(a) }));
  const signerIds = new Set(signers.map((s) => s.id));
  return enqueueMany(ctx, db, [...signers.map((s) => message(s, true)), ...registrars.filter((r) => !signerIds.has(r.id)).map((r) => message(r, false))]);
}
