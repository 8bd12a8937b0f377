import { eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { isUniqueViolation } from "../shared/db-errors.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { parseAppealNumber } from "./appeal-number.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS, type AnswerLanguage } from "./kinds.js";
import { insertNewAppeal } from "./new-appeal.js";
import { paperApplicant, paperApplicantInput } from "./paper-applicant.js";
import { receiptOf, type Receipt } from "./receipt.js";
import { checkAppealText, checkOwnFiles, checkPostalAddress } from "./register.js";
import { subjectKey } from "./subject.js";
import { issueTrackToken } from "./track-token.js";
import type { AppealRow } from "./transition.js";

/** How an appeal reached the registry when it did not come through the bot. */
export const PAPER_CHANNELS = ["paper", "email"] as const;
export type PaperChannel = (typeof PAPER_CHANNELS)[number];

const paperInput = z.object({
  draftId: z.uuid(),
  channel: z.enum(PAPER_CHANNELS),
  applicant: paperApplicantInput,
  postalAddress: z.string(),
  type: z.enum(APPEAL_TYPES),
  language: z.enum(ANSWER_LANGUAGES),
  text: z.string().default(""),
  fileIds: z.array(z.number().int().positive()).default([]),
});
export type PaperInput = z.input<typeof paperInput>;

/** What the printed receipt carries: the citizen's receipt, and the one-time link to follow it in Telegram. */
export interface PaperReceipt extends Receipt {
  language: AnswerLanguage;
  token: string;
  expiresAt: Date;
}

/** The text may be left out when the scan is there: the scan is the appeal. */
export function checkPaperContent(text: string, fileIds: readonly number[]): string {
  if (text.trim() === "" && fileIds.length > 0) return "";
  if (fileIds.length > INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  if (text.trim() === "") throw new DomainError("paper_content_missing");
  return checkAppealText(text);
}

/**
 * A registrar registers a paper or e-mailed appeal on its applicant's behalf (Reg. 7.1.5): numbered,
 * dated and given its deadlines as any appeal, with no Telegram person yet, its answer going by post
 * to the address on the letter until the applicant links it by the receipt's QR code. The same draft
 * registered again gives its receipt again, with a new link.
 */
export async function registerPaperAppeal(ctx: Ctx, actor: Actor, raw: PaperInput): Promise<PaperReceipt> {
  const input = parseInput(paperInput, raw);
  assertCan(actor, "appeal.register_paper");
  const applicant = paperApplicant(input.applicant);
  const postalAddress = checkPostalAddress(input.postalAddress);
  const text = checkPaperContent(input.text, input.fileIds);
  const again = () => receiptForDraft(ctx, actor, input.draftId);
  const [existing] = await ctx.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.draftId, input.draftId));
  if (existing) return again();
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkOwnFiles(tx, actor, input.fileIds);
      const appeal = await insertNewAppeal(ctx, tx, actor, {
        draftId: input.draftId,
        citizenUserId: null,
        channel: input.channel,
        applicant,
        type: input.type,
        text,
        subjectKey: subjectKey(text),
        language: input.language,
        replyChannel: "post",
        postalAddress,
        fileIds: input.fileIds,
        eventData: { channel: input.channel },
      });
      return withToken(ctx, tx, appeal);
    });
  } catch (error) {
    // Two confirmations at the same moment: the first one registered it.
    if (isUniqueViolation(error, "appeals_draft_id_unique")) return again();
    throw error;
  }
}

/** The receipt of the appeal a draft registered, with a new link: a second tap, or a retry after a lost reply. */
export function receiptForDraft(ctx: Ctx, actor: Actor, draftId: string): Promise<PaperReceipt> {
  assertCan(actor, "appeal.register_paper");
  return ctx.db.transaction((tx) => receiptAgain(ctx, tx, actor, eq(appeals.draftId, z.uuid().parse(draftId))));
}

const reissueInput = z.object({ number: z.string().max(40) });

/** The receipt printed again (the paper was lost): a new link; the older unopened ones stop working. */
export async function reissuePaperReceipt(ctx: Ctx, actor: Actor, raw: z.input<typeof reissueInput>): Promise<PaperReceipt> {
  const { number } = parseInput(reissueInput, raw);
  assertCan(actor, "appeal.register_paper");
  return ctx.db.transaction((tx) => receiptAgain(ctx, tx, actor, eq(appeals.number, parseAppealNumber(number) ?? "")));
}

async function receiptAgain(ctx: Ctx, tx: Tx, actor: Actor, where: SQL): Promise<PaperReceipt> {
  const [appeal] = await tx.select().from(appeals).where(where).for("update");
  if (!appeal) throw new DomainError("appeal_not_found");
  if (appeal.restricted && !actor.clearance) throw new DomainError("forbidden");
  if (appeal.channel === "telegram") throw new DomainError("paper_not_paper", { number: appeal.number });
  return withToken(ctx, tx, appeal);
}

async function withToken(ctx: Ctx, tx: Tx, appeal: AppealRow): Promise<PaperReceipt> {
  const { token, expiresAt } = await issueTrackToken(ctx, tx, appeal.id);
  return { ...receiptOf(appeal), language: appeal.language as AnswerLanguage, token, expiresAt };
}
