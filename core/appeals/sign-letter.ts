import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import type { CitizenProfile } from "../citizens/profile.js";
import { renderAnswerLetter } from "../letters/answer-letter.js";
import { LETTER_WORDS } from "../letters/letter-words.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { recordStoredFile } from "./attachments.js";
import type { AnswerLanguage, DecisionOutcome } from "./kinds.js";
import { OUTGOING_PREFIX } from "./kinds.js";
import { nextNumber } from "./numbering.js";
import type { AppealRow } from "./transition.js";

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
  answer: { text: string; outcome: string },
): Promise<SignedLetter> {
  const today = almatyDate(ctx.clock.now());
  const { number: outgoingNumber } = await nextNumber(tx, OUTGOING_PREFIX, Number(today.slice(0, 4)));
  const [signer] = await tx.select({ fullName: users.fullName }).from(users).where(eq(users.id, actor.userId));
  const language = appeal.language as AnswerLanguage;
  const applicant = appeal.applicant as CitizenProfile;
  const pdf = await renderAnswerLetter({
    language,
    outgoingNumber,
    date: today,
    appealNumber: appeal.number,
    appealReceivedOn: almatyDate(appeal.receivedAt),
    addressee: { name: applicant.fullName, organization: applicant.organization, postalAddress: appeal.postalAddress },
    text: answer.text,
    outcome: answer.outcome as DecisionOutcome,
    signer: { name: signer?.fullName ?? "", position: LETTER_WORDS[language].headPosition },
    authority: null,
    draft: false,
  });
  const { sha256, size } = await ctx.files.save(pdf);
  const fileId = await recordStoredFile(ctx, tx, actor.userId, {
    sha256,
    size,
    fileName: `${outgoingNumber}.pdf`,
    mimeType: "application/pdf",
    telegramFileId: null,
  });
  return { outgoingNumber, sha256, fileId };
}
