import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { appeals } from "../../db/schema/index.js";
import { getProfile } from "../citizens/profile.js";
import { assertConsentNotWithdrawn } from "../citizens/consent.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES, INTAKE_LIMITS, REPLY_CHANNELS } from "./kinds.js";
import { receiptOf, type Receipt } from "./receipt.js";
import { checkAppealText, checkPostalAddress, registerAppeal } from "./register.js";

/**
 * Intake in chat (DESIGN §2): type → text → files → answer language → answer by chat or post →
 * summary with Edit/Confirm. The draft id made at the start is the idempotency key of Confirm.
 */
export const INTAKE_FLOW = "intake";

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
const stateSchema = z.object({ step: z.enum(INTAKE_STEPS), data: dataSchema });

const inputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("appeal_type"), value: z.enum(APPEAL_TYPES) }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("file"), fileId: z.number().int().positive() }),
  z.object({ type: z.literal("files_done") }),
  z.object({ type: z.literal("language"), value: z.enum(ANSWER_LANGUAGES) }),
  z.object({ type: z.literal("channel"), value: z.enum(REPLY_CHANNELS) }),
  z.object({ type: z.literal("edit"), field: z.enum(EDITABLE) }),
  z.object({ type: z.literal("back") }),
  z.object({ type: z.literal("confirm"), draftId: z.string() }),
]);
export type IntakeInput = z.input<typeof inputSchema>;

export type IntakeView =
  | { step: IntakeStep; data: IntakeData; messageId: number | null }
  | { step: "registered"; receipt: Receipt; again: boolean };

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
export async function beginIntake(ctx: Ctx, actor: Actor, options: { complaintOfId?: number } = {}): Promise<IntakeView> {
  if (!(await getProfile(ctx, actor))) throw new DomainError("profile_missing");
  await assertConsentNotWithdrawn(ctx.db, actor);
  const current = await loadFlow(ctx, ctx.db, actor.userId, INTAKE_FLOW, stateSchema);
  if (current && !options.complaintOfId) return current;
  const data: IntakeData = { draftId: randomUUID(), fileIds: [], ...(options.complaintOfId && { type: "complaint", complaintOfId: options.complaintOfId }) };
  const step: IntakeStep = options.complaintOfId ? "text" : "type";
  await saveFlow(ctx, ctx.db, actor.userId, INTAKE_FLOW, { step, data });
  return { step, data, messageId: null };
}

export async function currentIntake(ctx: Ctx, actor: Actor) {
  return loadFlow(ctx, ctx.db, actor.userId, INTAKE_FLOW, stateSchema);
}

export async function cancelIntake(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, INTAKE_FLOW);
}

export async function answerIntake(ctx: Ctx, actor: Actor, raw: IntakeInput): Promise<IntakeView> {
  const input = parseInput(inputSchema, raw);
  const state = await loadFlow(ctx, ctx.db, actor.userId, INTAKE_FLOW, stateSchema);
  if (input.type === "confirm") return confirm(ctx, actor, state, input.draftId);
  if (!state) throw new DomainError("stale_button");
  const { step, data } = state;
  const go = async (next: IntakeStep, nextData: IntakeData): Promise<IntakeView> => {
    // An edit made from the summary returns there, unless the post channel still needs an address.
    const target = nextData.editing && next !== "address" && step !== "summary" ? "summary" : next;
    const stored = { ...nextData, editing: target === "summary" ? undefined : nextData.editing };
    await saveFlow(ctx, ctx.db, actor.userId, INTAKE_FLOW, { step: target, data: stored });
    return { step: target, data: stored, messageId: state.messageId };
  };

  if (input.type === "back") return go(previousStep(step, data), { ...data, editing: undefined });
  if (!EXPECTS[step].includes(input.type)) throw new DomainError(mismatch(step, input.type));

  switch (input.type) {
    case "appeal_type":
      return go("text", { ...data, type: input.value });
    case "text":
      if (step === "address") return go("summary", { ...data, address: checkPostalAddress(input.text) });
      // Telegram splits a pasted text over 4,096 characters into several messages: the rest follows here.
      if (step === "files") return go("files", { ...data, text: checkAppealText(`${data.text ?? ""}\n${input.text}`) });
      return go("files", { ...data, text: checkAppealText(input.text) });
    case "file":
      if (data.fileIds.includes(input.fileId)) return { ...state };
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

function previousStep(step: IntakeStep, data: IntakeData): IntakeStep {
  const order: IntakeStep[] = ["type", "text", "files", "language", "channel", "address", "summary"];
  if (step === "summary") return data.channel === "post" ? "address" : "channel";
  if (step === "text" && data.complaintOfId) return "text";
  return order[Math.max(0, order.indexOf(step) - 1)]!;
}

function mismatch(step: IntakeStep, got: IntakeInput["type"]): string {
  if (got === "file") return step === "text" ? "text_before_files" : "files_not_now";
  if (got === "text") return "use_buttons";
  return "stale_button";
}

async function confirm(ctx: Ctx, actor: Actor, state: Awaited<ReturnType<typeof currentIntake>>, draftId: string): Promise<IntakeView> {
  // A second tap, or a retry after a crash, finds the appeal this draft already made.
  if (!state || state.data.draftId !== draftId) {
    const [done] = z.uuid().safeParse(draftId).success ? await ctx.db.select().from(appeals).where(eq(appeals.draftId, draftId)) : [];
    if (done && done.citizenUserId === actor.userId) return { step: "registered", receipt: receiptOf(done), again: true };
    throw new DomainError("stale_button");
  }
  if (state.step !== "summary") throw new DomainError("stale_button");
  const { data } = state;
  if (!data.type || !data.text || !data.language || !data.channel) throw new DomainError("intake_incomplete");
  const receipt = await registerAppeal(ctx, actor, {
    draftId: data.draftId,
    type: data.type,
    text: data.text,
    fileIds: data.fileIds,
    language: data.language,
    replyChannel: data.channel,
    postalAddress: data.address ?? null,
    complaintOfId: data.complaintOfId ?? null,
  });
  await clearFlow(ctx.db, actor.userId, INTAKE_FLOW);
  return { step: "registered", receipt, again: false };
}
