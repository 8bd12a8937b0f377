import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { getProfile } from "../citizens/profile.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import { defineFlow, type FlowState, type FlowStep } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError, isDomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS, REPLY_CHANNELS } from "./kinds.js";
import { receiptOf, type Receipt } from "./receipt.js";
import { checkAppealText, checkPostalAddress, registerAppeal } from "./register.js";

/**
 * Intake in chat (DESIGN §2): type → text → files → answer language → answer by chat or post →
 * summary with Edit/Confirm. The draft id made at the start is the idempotency key of Confirm.
 */
export const INTAKE_STEPS = ["type", "text", "files", "language", "channel", "address", "summary"] as const;
export type IntakeStep = (typeof INTAKE_STEPS)[number];
export const EDITABLE = ["type", "text", "files", "language", "channel"] as const;

const dataSchema = z.object({
  draftId: z.uuid(),
  type: z.enum(APPEAL_TYPES).optional(),
  text: z.string().optional(),
  fileIds: z.array(z.number().int()),
  language: z.enum(ANSWER_LANGUAGES).optional(),
  channel: z.enum(REPLY_CHANNELS).optional(),
  address: z.string().optional(),
  complaintOfId: z.number().int().optional(),
  /** Editing from the summary: after the step, back to the summary. */
  editing: z.boolean().optional(),
});
export type IntakeData = z.infer<typeof dataSchema>;
export type IntakeState = FlowState<IntakeStep, IntakeData>;

/** The step Back leads to: none from the first question, nor from a complaint's text (its type is fixed). */
function previousStep(step: IntakeStep, data: IntakeData): IntakeStep | null {
  if (step === "type" || (step === "text" && data.complaintOfId)) return null;
  if (step === "summary") return data.channel === "post" ? "address" : "channel";
  return INTAKE_STEPS[INTAKE_STEPS.indexOf(step) - 1]!;
}

export const intakeFlow = defineFlow({
  name: "intake",
  permission: "appeal.submit",
  steps: INTAKE_STEPS,
  data: dataSchema,
  back({ step, data }) {
    const previous = previousStep(step, data);
    return previous && { step: previous, data: { ...data, editing: undefined } };
  },
  worthKeeping: (data) => data.fileIds.length > 0,
});

/** A button's answer names the version of the question it was drawn for: an older one is stale. */
const drawnFor = { version: z.number().int().positive().optional() };

const inputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("appeal_type"), value: z.enum(APPEAL_TYPES), ...drawnFor }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("file"), fileId: z.number().int().positive() }),
  z.object({ type: z.literal("files_done"), ...drawnFor }),
  z.object({ type: z.literal("language"), value: z.enum(ANSWER_LANGUAGES), ...drawnFor }),
  z.object({ type: z.literal("channel"), value: z.enum(REPLY_CHANNELS), ...drawnFor }),
  z.object({ type: z.literal("edit"), field: z.enum(EDITABLE), ...drawnFor }),
  z.object({ type: z.literal("confirm"), draftId: z.string() }),
]);
export type IntakeInput = z.input<typeof inputSchema>;
type Answer = Exclude<z.output<typeof inputSchema>, { type: "confirm" }>;

export type IntakeView = IntakeState | { step: "registered"; receipt: Receipt; again: boolean };

const EXPECTS: Record<IntakeStep, IntakeInput["type"][]> = {
  type: ["appeal_type"],
  text: ["text"],
  files: ["file", "files_done", "text"],
  language: ["language"],
  channel: ["channel"],
  address: ["text"],
  summary: ["edit", "confirm"],
};

/** "Submit an appeal", or "Complain about the answer" with the first appeal linked. */
export async function beginIntake(ctx: Ctx, actor: Actor, options: { complaintOfId?: number } = {}): Promise<IntakeState> {
  if (!(await getProfile(ctx, actor))) throw new DomainError("profile_missing");
  await assertConsentNotWithdrawn(ctx.db, actor);
  const current = await intakeFlow.load(ctx, actor);
  if (current && !options.complaintOfId) return current;
  const data: IntakeData = { draftId: randomUUID(), fileIds: [], ...(options.complaintOfId && { type: "complaint", complaintOfId: options.complaintOfId }) };
  return intakeFlow.start(ctx, actor, { step: options.complaintOfId ? "text" : "type", data });
}

export async function currentIntake(ctx: Ctx, actor: Actor): Promise<IntakeState | null> {
  return intakeFlow.load(ctx, actor);
}

export async function answerIntake(ctx: Ctx, actor: Actor, raw: IntakeInput): Promise<IntakeView> {
  const input = parseInput(inputSchema, raw);
  if (input.type === "confirm") return confirm(ctx, actor, input.draftId);
  const { state } = await intakeFlow.advance(ctx, actor, (current) => {
    if ("version" in input && input.version !== undefined && input.version !== current.version) throw new DomainError("stale_button");
    return { next: advance(current, input), result: undefined };
  });
  return state!;
}

function advance({ step, data }: IntakeState, input: Answer): FlowStep<IntakeStep, IntakeData> {
  if (!EXPECTS[step].includes(input.type)) throw new DomainError(mismatch(step, input.type));
  const go = (next: IntakeStep, nextData: IntakeData): FlowStep<IntakeStep, IntakeData> => {
    // An edit made from the summary returns there, unless the post channel still needs an address.
    const target = nextData.editing && next !== "address" && step !== "summary" ? "summary" : next;
    return { step: target, data: { ...nextData, editing: target === "summary" ? undefined : nextData.editing } };
  };

  switch (input.type) {
    case "appeal_type":
      return go("text", { ...data, type: input.value });
    case "text":
      if (step === "address") return go("summary", { ...data, address: checkPostalAddress(input.text) });
      // Telegram splits a pasted text over 4,096 characters into several messages: the rest follows here.
      if (step === "files") return go("files", { ...data, text: checkAppealText(`${data.text ?? ""}\n${input.text}`) });
      return go("files", { ...data, text: checkAppealText(input.text) });
    case "file":
      // The same file sent twice is kept once; nothing changes.
      if (data.fileIds.includes(input.fileId)) return { step, data };
      if (data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
      return go("files", { ...data, fileIds: [...data.fileIds, input.fileId] });
    case "files_done":
      return go("language", data);
    case "language":
      return go("channel", { ...data, language: input.value });
    case "channel":
      return go(input.value === "post" ? "address" : "summary", { ...data, channel: input.value });
    case "edit":
      return go(input.field, { ...data, editing: true });
  }
}

function mismatch(step: IntakeStep, got: IntakeInput["type"]): string {
  if (got === "file") return step === "text" ? "text_before_files" : "files_not_now";
  if (got === "text") return "use_buttons";
  return "stale_button";
}

/** Registers the draft and ends the flow in one transaction. */
async function confirm(ctx: Ctx, actor: Actor, draftId: string): Promise<IntakeView> {
  try {
    const { result } = await intakeFlow.update(ctx, actor, async ({ step, data }, inTx) => {
      if (data.draftId !== draftId || step !== "summary") throw new DomainError("stale_button");
      if (!data.type || !data.text || !data.language || !data.channel) throw new DomainError("intake_incomplete");
      const receipt = await registerAppeal(inTx, actor, {
        draftId: data.draftId,
        type: data.type,
        text: data.text,
        fileIds: data.fileIds,
        language: data.language,
        replyChannel: data.channel,
        postalAddress: data.address ?? null,
        complaintOfId: data.complaintOfId ?? null,
      });
      return { next: null, result: receipt };
    });
    return { step: "registered", receipt: result, again: false };
  } catch (error) {
    // A second tap, or a retry after a crash, finds the appeal this draft already made.
    const done = isDomainError(error) && error.code === "stale_button" ? await registeredFrom(ctx, actor, draftId) : null;
    if (!done) throw error;
    return { step: "registered", receipt: done, again: true };
  }
}

async function registeredFrom(ctx: Ctx, actor: Actor, draftId: string): Promise<Receipt | null> {
  if (!z.uuid().safeParse(draftId).success) return null;
  const [done] = await ctx.db.select().from(appeals).where(eq(appeals.draftId, draftId));
  return done?.citizenUserId === actor.userId ? receiptOf(done) : null;
}
