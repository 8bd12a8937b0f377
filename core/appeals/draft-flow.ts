import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appeals } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import { renderAnswerLetter } from "../letters/answer-letter.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { currentApprovers } from "../staff/approvers.js";
import { activeDelegation } from "../staff/delegations.js";
import { submitDraft } from "./answer.js";
import { ANSWER_OUTCOMES, INTAKE_LIMITS } from "./kinds.js";
import { letterOf } from "./sign-letter.js";
import { templatesFor, type FilledTemplate } from "./templates.js";
import { languageOf } from "../people/language.js";
import { assertCanTouch, type AppealRow } from "./transition.js";
import { applicantsOf, assertDraftsOnLead } from "./group-members.js";

const draftData = z.object({
  appealId: z.number().int().positive(),
  text: z.string().optional(),
  outcome: z.enum(ANSWER_OUTCOMES).optional(),
  /** The template the text started from, to tell an untouched one. */
  template: z.string().optional(),
  /** The author was told the text is the template as it is, and may now send it so. */
  keepTemplate: z.boolean().optional(),
});
type DraftData = z.infer<typeof draftData>;

/** The reviewer's answer (Reg. 7.2.1): a text, from a template or typed, then the outcome, a look at the letter, and submit. */
export const draftFlow = defineFlow({ name: "answer_draft", permission: "appeal.draft", steps: ["text", "outcome", "confirm"] as const, data: draftData });
type DraftStep = (typeof draftFlow.steps)[number];
type DraftState = FlowState<DraftStep, DraftData>;

const ANY_STEP: readonly DraftStep[] = draftFlow.steps;
const DRAFTABLE_STATES = ["in_review", "forwarded_internal"];

async function draftableAppeal(ctx: Ctx, actor: Actor, appealId: number): Promise<AppealRow> {
  assertMayAttempt(actor, "appeal.draft");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  assertCanTouch(actor, "appeal.draft", appeal);
  if (!DRAFTABLE_STATES.includes(appeal.state)) throw new DomainError(appeal.closedAt ? "appeal_closed" : "appeal_wrong_state", { state: appeal.state });
  await assertDraftsOnLead(ctx.db, appeal);
  return appeal;
}

/** The draft is for the appeal a button names and at one of `steps`; anything else is an old button. */
function assertAt(state: DraftState | null, appealId: number, steps: readonly DraftStep[]): DraftState {
  if (!state || state.data.appealId !== appealId || !steps.includes(state.step)) throw new DomainError("stale_button");
  return state;
}

/** Starts (or starts over) a draft for an appeal the actor holds; with the templates of its category to start from. */
export async function beginDraft(ctx: Ctx, actor: Actor, appealId: number) {
  const { appeal, templates } = await draftTemplates(ctx, actor, parseInput(z.number().int().positive(), appealId));
  return { appeal, templates, state: await draftFlow.start(ctx, actor, { step: "text", data: { appealId: appeal.id } }) };
}

/** The appeal a draft answers, with the templates of its category and how many applicants the answer goes to (a group's). */
export async function draftTemplates(ctx: Ctx, actor: Actor, appealId: number): Promise<{ appeal: AppealRow; templates: FilledTemplate[]; applicants: number }> {
  const appeal = await draftableAppeal(ctx, actor, appealId);
  const applicants = await applicantsOf(ctx.db, appeal);
  return { appeal, templates: await templatesFor(ctx, appeal, { personal: applicants === 1 }), applicants };
}

/** The draft the flow holds for the appeal a button names, at any step. */
export async function draftFor(ctx: Ctx, actor: Actor, appealId: number): Promise<DraftState> {
  return assertAt(await draftFlow.load(ctx, actor), appealId, ANY_STEP);
}

export async function draftFromTemplate(ctx: Ctx, actor: Actor, appealId: number, templateId: number) {
  const { state, result } = await draftFlow.update(ctx, actor, async (current, inTx) => {
    assertAt(current, appealId, ANY_STEP);
    const template = (await draftTemplates(inTx, actor, appealId)).templates.find((t) => t.id === templateId);
    if (!template) throw new DomainError("stale_button");
    return { next: { step: "outcome", data: { appealId, text: template.text, template: template.text } }, result: template.text };
  });
  return { state: state!, text: result };
}

/** The text is the template exactly as chosen: the author has not written the answer yet. */
export function untouchedTemplate(data: DraftData): boolean {
  return data.template !== undefined && (data.text ?? "").trim() === data.template.trim();
}

/** The typed text replaces whatever was there: the author's final words. */
export async function draftText(ctx: Ctx, actor: Actor, raw: string): Promise<DraftState> {
  const text = raw.trim();
  if (!text) throw new DomainError("text_empty");
  if (text.length > INTAKE_LIMITS.textMax) throw new DomainError("text_too_long", { length: text.length, max: INTAKE_LIMITS.textMax });
  // The template stays known, so the same words sent back unchanged are still the bare template.
  const { state } = await draftFlow.advance(ctx, actor, ({ data }) => ({ next: { step: "outcome", data: { appealId: data.appealId, text, template: data.template } }, result: undefined }));
  return state!;
}

export async function draftOutcome(ctx: Ctx, actor: Actor, appealId: number, outcome: string): Promise<DraftState> {
  const parsed = parseInput(z.enum(ANSWER_OUTCOMES), outcome);
  const { state } = await draftFlow.advance(ctx, actor, (current) => {
    assertAt(current, appealId, ["outcome", "confirm"]);
    return { next: { step: "confirm", data: { ...current.data, outcome: parsed } }, result: undefined };
  });
  return state!;
}

/** The letter as the approver will see it, signed by whoever signs today: the Head or the acting deputy. */
export async function draftLetter(ctx: Ctx, actor: Actor, appealId: number): Promise<{ pdf: Buffer; fileName: string }> {
  const state = assertAt(await draftFlow.load(ctx, actor), appealId, ["confirm"]);
  const appeal = await draftableAppeal(ctx, actor, appealId);
  const signer = await expectedSigner(ctx, ctx.db);
  const answer = { text: state.data.text ?? "", outcome: state.data.outcome ?? "explained", authorUserId: actor.userId };
  const letter = await letterOf(ctx.db, signer ?? actor, appeal, answer, { outgoingNumber: null, date: almatyDate(ctx.clock.now()) });
  return { pdf: await renderAnswerLetter(letter), fileName: `${appeal.number}-draft.pdf` };
}

export type SubmittedDraft = Awaited<ReturnType<typeof submitDraft>> | { untouchedTemplate: true };

/**
 * Submits the draft the flow holds, and ends the flow with it; a second tap finds it gone. A bare
 * template is held back once, with nothing sent: the author edits it, or taps again to send it as it is.
 */
export async function submitDraftFlow(ctx: Ctx, actor: Actor, appealId: number): Promise<SubmittedDraft> {
  const { result } = await draftFlow.update<SubmittedDraft>(ctx, actor, async (current, inTx) => {
    const { data } = assertAt(current, appealId, ["confirm"]);
    const { text, outcome } = data;
    if (!text || !outcome) throw new DomainError("stale_button");
    if (untouchedTemplate(data) && !data.keepTemplate) {
      return { next: { step: current.step, data: { ...data, keepTemplate: true } }, result: { untouchedTemplate: true } };
    }
    return { next: null, result: await submitDraft(inTx, actor, { appealId, text, outcome }) };
  });
  return result;
}

/** Drops the draft for the appeal the Cancel button names. */
export async function dropDraft(ctx: Ctx, actor: Actor, appealId: number): Promise<void> {
  await draftFlow.advance(ctx, actor, (current) => {
    assertAt(current, appealId, ANY_STEP);
    return { next: null, result: undefined };
  });
}

/** Who would sign today, as far as the letter's signature block needs to know: the acting deputy, else the Head. */
async function expectedSigner(ctx: Ctx, db: DbOrTx): Promise<Actor | null> {
  const now = ctx.clock.now();
  const [delegation, approvers] = await Promise.all([activeDelegation(db, now), currentApprovers(ctx, db, now)]);
  const signer = approvers.find((a) => a.id === delegation?.deputyUserId) ?? approvers.find((a) => a.role === "head");
  if (!signer) return null;
  return {
    userId: signer.id,
    telegramId: signer.telegramId,
    role: signer.role as Actor["role"],
    active: true,
    clearance: signer.clearance,
    language: languageOf(signer),
    actingForUserId: signer.role === "deputy" ? (delegation?.headUserId ?? null) : null,
  };
}
