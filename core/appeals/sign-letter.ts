import type { DbOrTx, Tx } from "../../db/client.js";
import { almatyDate } from "../calendar/dates.js";
import type { CitizenProfile } from "../citizens/profile.js";
import { renderAnswerLetter, type AnswerLetter } from "../letters/answer-letter.js";
import { addresseeLines, greetingOf } from "../letters/addressee.js";
import { loadLetterWords } from "../letters/letter-words.js";
import { officialNameOf } from "../staff/official-name.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { recordStoredFile } from "./attachments.js";
import type { AnswerLanguage, DecisionOutcome } from "./kinds.js";
import { OUTGOING_PREFIX } from "./kinds.js";
import { nextNumber } from "./numbering.js";
import { insertEntry } from "../registry/entries.js";
import { journalEntryFiles } from "../../db/schema/index.js";
import type { AppealRow } from "./transition.js";
import { fillTemplate } from "./templates.js";

export interface SignedLetter {
  outgoingNumber: string;
  sha256: string;
  fileId: number;
}

/**
 * The approved answer as the department's letter (DESIGN §2): an outgoing number, the PDF kept by
 * its SHA-256, in the appeal's language, signed by the approver. Runs inside the approval.
 */
export async function signAnswerLetter(
  ctx: Ctx,
  tx: Tx,
  actor: Actor,
  appeal: AppealRow,
  answer: { text: string; outcome: string; authorUserId: number },
): Promise<SignedLetter> {
  const today = almatyDate(ctx.clock.now());
  const numbered = await nextNumber(tx, OUTGOING_PREFIX, Number(today.slice(0, 4)));
  const outgoingNumber = numbered.number;
  const pdf = await renderAnswerLetter(await letterOf(tx, actor, appeal, answer, { outgoingNumber, date: today }));
  const { sha256, size } = await ctx.files.save(pdf);
  const fileId = await recordStoredFile(ctx, tx, actor.userId, {
    sha256,
    size,
    fileName: `${outgoingNumber}.pdf`,
    mimeType: "application/pdf",
    telegramFileId: null,
  });
  await journalOutgoing(ctx, tx, actor, appeal, numbered, fileId);
  return { outgoingNumber, sha256, fileId };
}

/** Every signed letter is a line of the outgoing journal (Reg. 7.1.2), under the letter's own number. */
async function journalOutgoing(ctx: Ctx, tx: Tx, actor: Actor, appeal: AppealRow, numbered: { seq: number; number: string }, fileId: number): Promise<void> {
  const applicant = appeal.applicant as CitizenProfile;
  const entry = await insertEntry(
    ctx,
    tx,
    actor,
    {
      journal: "outgoing",
      correspondent: applicant.kind === "legal" && applicant.organization ? `${applicant.organization}, ${applicant.fullName}` : applicant.fullName,
      summary: appeal.number,
      dispatch: appeal.replyChannel === "post" ? { method: "post" } : { method: "telegram" },
      restricted: appeal.restricted,
      appealId: appeal.id,
      fileIds: [],
    },
    numbered,
  );
  await tx.insert(journalEntryFiles).values({ entryId: entry.id, fileId, addedAt: ctx.clock.now() });
}

/**
 * The letter's content: addressee from the appeal as submitted, the answer, the signer by official
 * name. A deputy acting for the Head signs under «Меңгерушінің м.а.» / «И.о. заведующего» with
 * their own name (Reg. 13–14); whoever drafted the answer is the executor. A draft has no outgoing
 * number yet and carries the draft mark.
 */
export async function letterOf(
  db: DbOrTx,
  signerActor: Actor,
  appeal: AppealRow,
  answer: { text: string; outcome: string; authorUserId?: number },
  numbering: { outgoingNumber: string | null; date: string },
): Promise<AnswerLetter> {
  const language = appeal.language as AnswerLanguage;
  const words = await loadLetterWords(db, language);
  const signer = await officialNameOf(db, signerActor.userId, language);
  const acting = signerActor.role === "deputy" && signerActor.actingForUserId !== null;
  const executor = answer.authorUserId === undefined ? null : await officialNameOf(db, answer.authorUserId, language);
  const applicant = appeal.applicant as CitizenProfile;
  return {
    language,
    words,
    outgoingNumber: numbering.outgoingNumber,
    date: numbering.date,
    appealNumber: appeal.number,
    appealReceivedOn: almatyDate(appeal.receivedAt),
    addressee: addresseeLines(language, applicant, appeal.postalAddress),
    greeting: greetingOf(words, applicant.fullName),
    // A group's answer names each applicant in their own letter.
    text: fillTemplate(answer.text, appeal),
    outcome: answer.outcome as DecisionOutcome,
    signer: { name: signer.signature, position: acting ? words.acting_head : (signer.position ?? words.head_position) },
    executor: executor && { name: executor.signature, phone: executor.phone },
    draft: numbering.outgoingNumber === null,
  };
}
