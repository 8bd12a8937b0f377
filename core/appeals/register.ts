import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db/client.js";
import { appeals, storedFiles } from "../../db/schema/index.js";
import { getProfile, type CitizenProfile } from "../citizens/profile.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import type { Ctx } from "../shared/context.js";
import { isUniqueViolation } from "../shared/db-errors.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendEvent } from "./events.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS, REPLY_CHANNELS } from "./kinds.js";
import { insertNewAppeal } from "./new-appeal.js";
import { receiptOf, type Receipt } from "./receipt.js";
import { findRepeatedOf } from "./repeated.js";

const registerInput = z.object({
  draftId: z.uuid(),
  type: z.enum(APPEAL_TYPES),
  text: z.string(),
  fileIds: z.array(z.number().int().positive()).default([]),
  language: z.enum(ANSWER_LANGUAGES),
  replyChannel: z.enum(REPLY_CHANNELS),
  postalAddress: z.string().nullish(),
  /** Set when the citizen complains about the answer to an earlier appeal. */
  complaintOfId: z.number().int().positive().nullish(),
});
export type RegisterInput = z.input<typeof registerInput>;

/** The text rules of intake, shared with the chat flow so it can refuse before the summary. */
export function checkAppealText(raw: string): string {
  const text = raw.trim();
  if (text === "") throw new DomainError("text_empty");
  if (text.length > INTAKE_LIMITS.textMax) throw new DomainError("text_too_long", { length: text.length, max: INTAKE_LIMITS.textMax });
  return text;
}

export function checkPostalAddress(raw: string): string {
  const address = raw.replace(/\s+/g, " ").trim();
  if (address.length < 10 || address.length > INTAKE_LIMITS.addressMax) {
    throw new DomainError("address_length", { min: 10, max: INTAKE_LIMITS.addressMax });
  }
  return address;
}

/**
 * Registers a confirmed appeal (DESIGN §2): a gapless number at once, the registration date (the
 * next working day when received on a day off) and the deadlines from the policy and the calendar,
 * all in one transaction with the first event. Confirming the same draft again returns the same
 * receipt: refusing to accept an appeal is prohibited, registering it twice is wrong.
 */
export async function registerAppeal(ctx: Ctx, actor: Actor, rawInput: RegisterInput): Promise<Receipt> {
  const input = parseInput(registerInput, rawInput);
  assertCan(actor, "appeal.submit");
  const text = checkAppealText(input.text);
  if (input.fileIds.length > INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  const postalAddress = input.replyChannel === "post" ? checkPostalAddress(input.postalAddress ?? "") : null;

  const existing = await findByDraft(ctx, actor, input.draftId);
  if (existing) return existing;
  const profile = await getProfile(ctx, actor);
  if (!profile) throw new DomainError("profile_missing");
  await assertConsentNotWithdrawn(ctx.db, actor);

  try {
    return await ctx.db.transaction((tx) => insertAppeal(ctx, tx, actor, profile, { ...input, text, postalAddress }));
  } catch (error) {
    // Two confirmations at the same moment: the first one registered it.
    if (isUniqueViolation(error, "appeals_draft_id_unique")) {
      const winner = await findByDraft(ctx, actor, input.draftId);
      if (winner) return winner;
    }
    throw error;
  }
}

async function findByDraft(ctx: Ctx, actor: Actor, draftId: string): Promise<Receipt | null> {
  const [row] = await ctx.db.select().from(appeals).where(eq(appeals.draftId, draftId));
  if (!row) return null;
  if (row.citizenUserId !== actor.userId) throw new DomainError("forbidden");
  return receiptOf(row);
}

async function insertAppeal(
  ctx: Ctx,
  tx: Tx,
  actor: Actor,
  profile: CitizenProfile,
  input: z.output<typeof registerInput> & { text: string; postalAddress: string | null },
): Promise<Receipt> {
  await checkOwnFiles(tx, actor, input.fileIds);
  const complaintOf = input.complaintOfId ? await checkComplaintTarget(tx, actor, input.complaintOfId) : null;
  const repeatedOf = await findRepeatedOf(tx, actor.userId, input.text);
  const appeal = await insertNewAppeal(ctx, tx, actor, {
    draftId: input.draftId,
    citizenUserId: actor.userId,
    channel: "telegram",
    applicant: profile,
    type: input.type,
    text: input.text,
    subjectKey: repeatedOf.subjectKey,
    language: input.language,
    replyChannel: input.replyChannel,
    postalAddress: input.postalAddress,
    fileIds: input.fileIds,
    repeatedOfId: repeatedOf.id,
    complaintOfId: complaintOf,
    eventData: { repeatedOf: repeatedOf.id, complaintOf },
  });
  if (complaintOf) {
    await appendEvent(ctx, tx, { appealId: complaintOf, actor, kind: "complained", data: { complaint: appeal.number } });
  }
  return receiptOf(appeal);
}

/** Attachments must be the citizen's own uploads. */
export async function checkOwnFiles(tx: Tx, actor: Actor, fileIds: number[]): Promise<void> {
  if (fileIds.length === 0) return;
  const own = await tx
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, fileIds), eq(storedFiles.uploadedBy, actor.userId)));
  if (own.length !== new Set(fileIds).size) throw new DomainError("forbidden");
}

/** A complaint about an answer needs an answered appeal of the same citizen. */
async function checkComplaintTarget(tx: Tx, actor: Actor, appealId: number): Promise<number> {
  const [target] = await tx.select().from(appeals).where(eq(appeals.id, appealId));
  if (!target || target.citizenUserId !== actor.userId) throw new DomainError("appeal_not_found");
  if (target.state !== "answered") throw new DomainError("complaint_needs_answer");
  return target.id;
}
