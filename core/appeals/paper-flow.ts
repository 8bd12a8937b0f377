import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CITIZEN_KINDS } from "../citizens/profile.js";
import { parseBin, parseFullName, parseIin, parseOrganization } from "../citizens/fields.js";
import { defineFlow, writtenBy, type FlowState, type FlowStep } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError, isDomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS } from "./kinds.js";
import { checkPaperContent, PAPER_CHANNELS, receiptForDraft, registerPaperAppeal, type PaperReceipt } from "./paper-register.js";
import { checkAppealText, checkPostalAddress } from "./register.js";

/**
 * A registrar registers a paper or e-mailed appeal in chat (`/paper`), one question at a time:
 * who wrote it, their IIN or BIN, the postal address, the type, the answer's language, how it came,
 * the text or the scan, then a summary to confirm. A restart resumes at the question it was on.
 */
export const PAPER_STEPS = ["kind", "name", "id_number", "organization", "address", "type", "language", "channel", "content", "summary"] as const;
export type PaperStep = (typeof PAPER_STEPS)[number];

const dataSchema = z.object({
  draftId: z.uuid(),
  kind: z.enum(CITIZEN_KINDS).optional(),
  fullName: z.string().optional(),
  iin: z.string().optional(),
  bin: z.string().optional(),
  organization: z.string().optional(),
  address: z.string().optional(),
  type: z.enum(APPEAL_TYPES).optional(),
  language: z.enum(ANSWER_LANGUAGES).optional(),
  channel: z.enum(PAPER_CHANNELS).optional(),
  text: z.string().optional(),
  fileIds: z.array(z.number().int().positive()),
});
export type PaperDraft = z.infer<typeof dataSchema>;
export type PaperState = FlowState<PaperStep, PaperDraft>;
type Next = FlowStep<PaperStep, PaperDraft>;

/** Where Back leads: the organisation's name is asked of organisations only. */
function previous(step: PaperStep, data: PaperDraft): PaperStep | null {
  if (step === "kind") return null;
  if (step === "address") return data.kind === "legal" ? "organization" : "id_number";
  return PAPER_STEPS[PAPER_STEPS.indexOf(step) - 1]!;
}

export const paperFlow = defineFlow({
  name: "paper_register",
  permission: "appeal.register_paper",
  steps: PAPER_STEPS,
  data: dataSchema,
  back({ step, data }) {
    const target = previous(step, data);
    return target && { step: target, data };
  },
  // A scan is the registrar's upload: they hear before the draft holding it goes.
  worthKeeping: (data) => data.fileIds.length > 0,
});

export async function beginPaper(ctx: Ctx, actor: Actor): Promise<PaperState> {
  assertCan(actor, "appeal.register_paper");
  return paperFlow.start(ctx, actor, { step: "kind", data: { draftId: randomUUID(), fileIds: [] } });
}

/** Moves the draft on from the step `expected` (a press on an older question is stale) to what `change` makes of it. */
async function advance(ctx: Ctx, actor: Actor, expected: PaperStep | null, change: (state: PaperState, inTx: Ctx) => Next): Promise<PaperState> {
  assertCan(actor, "appeal.register_paper");
  const { state } = await paperFlow.update(ctx, actor, async (current, inTx) => {
    if (expected !== null && current.step !== expected) throw new DomainError("stale_button");
    return { next: change(current, inTx), result: undefined };
  });
  return state!;
}

const choice = <V extends string>(values: readonly V[], value: string): V => z.enum(values as [V, ...V[]]).parse(value);

export const chooseKind = (ctx: Ctx, actor: Actor, kind: string) =>
  advance(ctx, actor, "kind", ({ data }) => ({ step: "name", data: { ...data, kind: choice(CITIZEN_KINDS, kind), iin: undefined, bin: undefined, organization: undefined } }));
export const chooseType = (ctx: Ctx, actor: Actor, type: string) => advance(ctx, actor, "type", ({ data }) => ({ step: "language", data: { ...data, type: choice(APPEAL_TYPES, type) } }));
export const chooseLanguage = (ctx: Ctx, actor: Actor, language: string) =>
  advance(ctx, actor, "language", ({ data }) => ({ step: "channel", data: { ...data, language: choice(ANSWER_LANGUAGES, language) } }));
export const chooseChannel = (ctx: Ctx, actor: Actor, channel: string) =>
  advance(ctx, actor, "channel", ({ data }) => ({ step: "content", data: { ...data, channel: choice(PAPER_CHANNELS, channel) } }));

/** The letter gives no IIN: the applicant's link then asks only for a confirmation. */
export const skipIin = (ctx: Ctx, actor: Actor) =>
  advance(ctx, actor, "id_number", ({ data }) => {
    if (data.kind !== "individual") throw new DomainError("stale_button");
    return { step: "address", data: { ...data, iin: undefined } };
  });

/** The text and the scans are in: on to the summary. */
export const contentDone = (ctx: Ctx, actor: Actor) =>
  advance(ctx, actor, "content", ({ data }) => {
    checkPaperContent(data.text ?? "", data.fileIds);
    return { step: "summary", data };
  });

/** A typed answer to the current question. */
export function answerPaper(ctx: Ctx, actor: Actor, typed: string): Promise<PaperState> {
  return advance(ctx, actor, null, (current, inTx) => {
    const { step, data } = current;
    switch (step) {
      case "name":
        return { step: "id_number", data: { ...data, fullName: parseFullName(typed) } };
      case "id_number":
        return data.kind === "legal"
          ? { step: "organization", data: { ...data, bin: parseBin(typed) } }
          : { step: "address", data: { ...data, iin: parseIin(typed) } };
      case "organization":
        return { step: "address", data: { ...data, organization: parseOrganization(typed) } };
      case "address":
        return { step: "type", data: { ...data, address: checkPostalAddress(typed) } };
      case "content":
        // A long letter typed in several messages: the parts join, once each.
        if (writtenBy(current, inTx)) return current;
        return { step: "content", data: { ...data, text: checkAppealText(data.text ? `${data.text}\n${typed}` : typed) } };
      default:
        throw new DomainError("use_buttons");
    }
  });
}

/** A scan of the letter; the same file twice is kept once. */
export function attachPaperFile(ctx: Ctx, actor: Actor, fileId: number): Promise<PaperState> {
  return advance(ctx, actor, "content", ({ data }) => {
    if (data.fileIds.includes(fileId)) return { step: "content", data };
    if (data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
    return { step: "content", data: { ...data, fileIds: [...data.fileIds, fileId] } };
  });
}

/**
 * Registers the draft and ends the flow in one transaction. A second tap (or the same update
 * handled again) finds the flow gone and gets the receipt again, with a new link.
 */
export async function confirmPaper(ctx: Ctx, actor: Actor, draftId: string): Promise<PaperReceipt> {
  assertCan(actor, "appeal.register_paper");
  try {
    const { result } = await paperFlow.update(ctx, actor, async ({ step, data }, inTx) => {
      if (step !== "summary" || data.draftId !== draftId) throw new DomainError("stale_button");
      if (!data.kind || !data.fullName || !data.address || !data.type || !data.language || !data.channel) throw new DomainError("stale_button");
      const applicant =
        data.kind === "legal"
          ? { kind: "legal" as const, fullName: data.fullName, bin: data.bin ?? "", organization: data.organization ?? "" }
          : { kind: "individual" as const, fullName: data.fullName, iin: data.iin ?? null };
      const receipt = await registerPaperAppeal(inTx, actor, {
        draftId,
        channel: data.channel,
        applicant,
        postalAddress: data.address,
        type: data.type,
        language: data.language,
        text: data.text ?? "",
        fileIds: data.fileIds,
      });
      return { next: null, result: receipt };
    });
    return result;
  } catch (error) {
    if (!isDomainError(error) || error.code !== "stale_button") throw error;
    return receiptForDraft(ctx, actor, draftId).catch(() => Promise.reject(error));
  }
}
