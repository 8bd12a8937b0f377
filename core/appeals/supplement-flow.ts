import { z } from "zod";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError, isDomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { supplementAppeal } from "./citizen-actions.js";
import { myAppeal } from "./citizen-view.js";
import { INTAKE_LIMITS } from "./kinds.js";

/**
 * A supplement to an open appeal (DESIGN §2), gathered over several messages — text parts and
 * files — and sent as one. The appeal is checked when the flow begins and again when it is sent.
 */
const dataSchema = z.object({
  appealId: z.number().int().positive(),
  number: z.string(),
  texts: z.array(z.string()),
  fileIds: z.array(z.number().int().positive()),
});
export type SupplementData = z.infer<typeof dataSchema>;
export type SupplementState = FlowState<"collect", SupplementData>;

export const supplementFlow = defineFlow({
  name: "supplement",
  permission: "appeal.supplement",
  steps: ["collect"] as const,
  data: dataSchema,
  worthKeeping: (data) => data.fileIds.length > 0,
});

/** The holder reads the parts as paragraphs of one text, so the limit counts the joined text. */
const SEPARATOR = "\n\n";

const beginInput = z.object({ appealId: z.number().int().positive() });

/** "Add a supplement": only to the citizen's own appeal while it is open. */
export async function beginSupplement(ctx: Ctx, actor: Actor, raw: z.input<typeof beginInput>): Promise<SupplementState> {
  const { appealId } = parseInput(beginInput, raw);
  const { appeal, canSupplement } = await myAppeal(ctx, actor, { appealId });
  if (!canSupplement) throw new DomainError("appeal_closed", { state: appeal.state });
  const fresh: SupplementData = { appealId, number: appeal.number, texts: [], fileIds: [] };
  if (!(await supplementFlow.load(ctx, actor))) return supplementFlow.start(ctx, actor, { step: "collect", data: fresh });
  // Pressing the button again resumes what was gathered for the same appeal; another appeal starts
  // afresh. Written either way, so this becomes the flow the person's next message answers.
  const { state } = await supplementFlow.advance(ctx, actor, ({ step, data }) => ({
    next: { step, data: data.appealId === appealId ? { ...data } : fresh },
    result: undefined,
  }));
  return state!;
}

export async function currentSupplement(ctx: Ctx, actor: Actor): Promise<SupplementState | null> {
  return supplementFlow.load(ctx, actor);
}

async function gather(ctx: Ctx, actor: Actor, change: (data: SupplementData) => SupplementData): Promise<SupplementState> {
  const { state } = await supplementFlow.advance(ctx, actor, ({ step, data }) => ({ next: { step, data: change(data) }, result: undefined }));
  return state!;
}

const textInput = z.object({ text: z.string() });

export async function addSupplementText(ctx: Ctx, actor: Actor, raw: z.input<typeof textInput>): Promise<SupplementState> {
  const text = parseInput(textInput, raw).text.trim();
  if (text === "") throw new DomainError("supplement_empty");
  return gather(ctx, actor, (data) => {
    const length = [...data.texts, text].join(SEPARATOR).length;
    if (length > INTAKE_LIMITS.textMax) throw new DomainError("text_too_long", { length, max: INTAKE_LIMITS.textMax });
    return { ...data, texts: [...data.texts, text] };
  });
}

const fileInput = z.object({ fileId: z.number().int().positive() });

export async function addSupplementFile(ctx: Ctx, actor: Actor, raw: z.input<typeof fileInput>): Promise<SupplementState> {
  const { fileId } = parseInput(fileInput, raw);
  return gather(ctx, actor, (data) => {
    // The same file sent twice is stored once, so it is attached once.
    if (data.fileIds.includes(fileId)) return data;
    if (data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
    return { ...data, fileIds: [...data.fileIds, fileId] };
  });
}

/**
 * Sends what was gathered as one supplement and ends the flow, in one transaction: a crash or a
 * second tap cannot send it twice. An empty one is refused and kept open; one for an appeal that
 * has closed meanwhile can never go, so the flow ends with the refusal.
 */
export async function sendSupplement(ctx: Ctx, actor: Actor): Promise<{ appealId: number; number: string }> {
  try {
    const { result } = await supplementFlow.update(ctx, actor, async ({ data: { appealId, number, texts, fileIds } }, inTx) => {
      await supplementAppeal(inTx, actor, { appealId, text: texts.join(SEPARATOR), fileIds });
      return { next: null, result: { appealId, number } };
    });
    return result;
  } catch (error) {
    if (isDomainError(error) && error.code === "appeal_closed") await supplementFlow.end(ctx, actor);
    throw error;
  }
}

/** Forgets what was gathered; nothing is sent. */
export async function cancelSupplement(ctx: Ctx, actor: Actor): Promise<void> {
  await supplementFlow.cancel(ctx, actor);
}
