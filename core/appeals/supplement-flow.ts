import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
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
export const SUPPLEMENT_FLOW = "supplement";

const dataSchema = z.object({
  appealId: z.number().int().positive(),
  number: z.string(),
  texts: z.array(z.string()),
  fileIds: z.array(z.number().int().positive()),
});
export type SupplementData = z.infer<typeof dataSchema>;
const stateSchema = z.object({ step: z.literal("collect"), data: dataSchema });

export interface SupplementView {
  data: SupplementData;
  messageId: number | null;
}

/** The holder reads the parts as paragraphs of one text, so the limit counts the joined text. */
const SEPARATOR = "\n\n";

const beginInput = z.object({ appealId: z.number().int().positive() });

/** "Add a supplement": only to the citizen's own appeal while it is open. */
export async function beginSupplement(ctx: Ctx, actor: Actor, raw: z.input<typeof beginInput>): Promise<SupplementView> {
  const { appealId } = parseInput(beginInput, raw);
  const { appeal, canSupplement } = await myAppeal(ctx, actor, { appealId });
  if (!canSupplement) throw new DomainError("appeal_closed", { state: appeal.state });
  // Pressing the button again resumes what was gathered for the same appeal. Saved either way, so
  // this becomes the flow the person's next message answers.
  const current = await currentSupplement(ctx, actor);
  const data: SupplementData = current?.data.appealId === appealId ? current.data : { appealId, number: appeal.number, texts: [], fileIds: [] };
  await saveFlow(ctx, ctx.db, actor.userId, SUPPLEMENT_FLOW, { step: "collect", data });
  return { data, messageId: current?.messageId ?? null };
}

export async function currentSupplement(ctx: Ctx, actor: Actor): Promise<SupplementView | null> {
  const state = await loadFlow(ctx, ctx.db, actor.userId, SUPPLEMENT_FLOW, stateSchema);
  return state && { data: state.data, messageId: state.messageId };
}

async function update(ctx: Ctx, actor: Actor, change: (data: SupplementData) => SupplementData): Promise<SupplementView> {
  const current = await currentSupplement(ctx, actor);
  if (!current) throw new DomainError("stale_button");
  const data = change(current.data);
  await saveFlow(ctx, ctx.db, actor.userId, SUPPLEMENT_FLOW, { step: "collect", data });
  return { data, messageId: current.messageId };
}

const textInput = z.object({ text: z.string() });

export async function addSupplementText(ctx: Ctx, actor: Actor, raw: z.input<typeof textInput>): Promise<SupplementView> {
  const text = parseInput(textInput, raw).text.trim();
  if (text === "") throw new DomainError("supplement_empty");
  return update(ctx, actor, (data) => {
    const length = [...data.texts, text].join(SEPARATOR).length;
    if (length > INTAKE_LIMITS.textMax) throw new DomainError("text_too_long", { length, max: INTAKE_LIMITS.textMax });
    return { ...data, texts: [...data.texts, text] };
  });
}

const fileInput = z.object({ fileId: z.number().int().positive() });

export async function addSupplementFile(ctx: Ctx, actor: Actor, raw: z.input<typeof fileInput>): Promise<SupplementView> {
  const { fileId } = parseInput(fileInput, raw);
  return update(ctx, actor, (data) => {
    // The same file sent twice is stored once, so it is attached once.
    if (data.fileIds.includes(fileId)) return data;
    if (data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
    return { ...data, fileIds: [...data.fileIds, fileId] };
  });
}

/**
 * Sends what was gathered as one supplement and ends the flow. An empty one is refused and kept
 * open; one for an appeal that has closed meanwhile can never go, so the flow ends with the refusal.
 */
export async function sendSupplement(ctx: Ctx, actor: Actor): Promise<{ appealId: number; number: string }> {
  const current = await currentSupplement(ctx, actor);
  if (!current) throw new DomainError("stale_button");
  const { appealId, number, texts, fileIds } = current.data;
  try {
    // The flow ends in the supplement's own transaction: a crash or a second tap cannot send it twice.
    await supplementAppeal(ctx, actor, { appealId, text: texts.join(SEPARATOR), fileIds }, async (tx) => {
      if (!(await clearFlow(tx, actor.userId, SUPPLEMENT_FLOW))) throw new DomainError("stale_button");
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "appeal_closed") await cancelSupplement(ctx, actor);
    throw error;
  }
  return { appealId, number };
}

export async function cancelSupplement(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, SUPPLEMENT_FLOW);
}
