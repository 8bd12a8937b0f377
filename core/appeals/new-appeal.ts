import type { Tx } from "../../db/client.js";
import { appealFiles, appeals } from "../../db/schema/index.js";
import { loadCalendar } from "../calendar/calendar-store.js";
import { almatyDate } from "../calendar/dates.js";
import { deadline, loadPolicy, registrationDate } from "../calendar/deadlines.js";
import { yearsWithoutRows } from "../calendar/working-days.js";
import type { CitizenProfile } from "../citizens/profile.js";
import { defaultCase } from "../registry/filing.js";
import type { Ctx } from "../shared/context.js";
import type { Actor } from "../shared/roles.js";
import { appendEvent } from "./events.js";
import { NUMBER_PREFIX, type AnswerLanguage, type AppealType, type ReplyChannel } from "./kinds.js";
import { nextNumber } from "./numbering.js";
import { tellRegistrarsOfNewAppeal } from "./registrar-notice.js";
import type { AppealRow } from "./transition.js";

/** An appeal as it is registered, whichever way it came: through the bot, or on paper by the registry. */
export interface NewAppeal {
  draftId: string;
  citizenUserId: number | null;
  channel: "telegram" | "paper" | "email";
  applicant: CitizenProfile;
  type: AppealType;
  text: string;
  subjectKey: string;
  language: AnswerLanguage;
  replyChannel: ReplyChannel;
  postalAddress: string | null;
  fileIds: number[];
  repeatedOfId?: number | null;
  complaintOfId?: number | null;
  /** What the first event records besides the files. */
  eventData?: Record<string, unknown>;
}

/**
 * Registers an appeal inside the caller's transaction (DESIGN §2): the registration date (the next
 * working day when received on a day off) and the deadlines from the policy and the calendar, the
 * year's case, a gapless number of the applicant's kind, its files, the first event, and the
 * registrars' notice.
 */
export async function insertNewAppeal(ctx: Ctx, tx: Tx, actor: Actor, input: NewAppeal): Promise<AppealRow> {
  const now = ctx.clock.now();
  const receivedOn = almatyDate(now);
  const year = Number(receivedOn.slice(0, 4));
  const [calendar, policy] = await Promise.all([loadCalendar(tx), loadPolicy(tx, input.type)]);
  const dueOn = deadline(calendar, policy, receivedOn, "review");
  for (const missing of yearsWithoutRows(calendar, receivedOn, dueOn)) {
    ctx.log.warn({ year: missing }, "no calendar rows for this year: its holidays are not counted; run `cli calendar import`");
  }
  const caseId = await defaultCase(tx, "appeals", year);
  const prefix = NUMBER_PREFIX[input.applicant.kind];
  // Last before the insert: the number's row lock is held to commit, so everything else goes first.
  const { seq, number } = await nextNumber(tx, prefix, year);

  const [row] = await tx
    .insert(appeals)
    .values({
      number,
      prefix,
      year,
      seq,
      draftId: input.draftId,
      citizenUserId: input.citizenUserId,
      channel: input.channel,
      applicant: input.applicant,
      type: input.type,
      text: input.text,
      subjectKey: input.subjectKey,
      language: input.language,
      replyChannel: input.replyChannel,
      postalAddress: input.postalAddress,
      state: "registered",
      receivedAt: now,
      registeredOn: registrationDate(calendar, receivedOn),
      initialDueOn: dueOn,
      dueOn,
      forwardDueOn: deadline(calendar, policy, receivedOn, "forward"),
      repeatedOfId: input.repeatedOfId ?? null,
      complaintOfId: input.complaintOfId ?? null,
      caseId,
      updatedAt: now,
    })
    .returning();
  const appeal = row!;
  if (input.fileIds.length > 0) {
    await tx.insert(appealFiles).values(input.fileIds.map((fileId) => ({ appealId: appeal.id, fileId, addedAt: now })));
  }
  await appendEvent(ctx, tx, { appealId: appeal.id, actor, kind: "registered", to: "registered", data: { files: input.fileIds.length, ...input.eventData } });
  await tellRegistrarsOfNewAppeal(ctx, tx, appeal);
  return appeal;
}
