import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { appeals } from "../../db/schema/index.js";
import { almatyDate } from "../calendar/dates.js";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
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
import { assertCanTouch, type AppealRow } from "./transition.js";

/** The reviewer's answer (Reg. 7.2.1): a text, from a template or typed, then the outcome, a look at the letter, and submit. */
export const DRAFT_FLOW = "answer_draft";

const stateSchema = z.object({
  step: z.enum(["text", "outcome", "confirm"]),
  data: z.object({
    appealId: z.number().int().positive(),
    text: z.string().optional(),
    outcome: z.enum(ANSWER_OUTCOMES).optional(),
  }),
});
type DraftState = z.infer<typeof stateSchema>;

const DRAFTABLE_STATES = ["in_review", "forwarded_internal"];

async function draftableAppeal(ctx: Ctx, actor: Actor, appealId: number): Promise<AppealRow> {
  assertMayAttempt(actor, "appeal.draft");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  assertCanTouch(actor, "appeal.draft", appeal);
  if (!DRAFTABLE_STATES.includes(appeal.state)) throw new DomainError(appeal.closedAt ? "appeal_closed" : "appeal_wrong_state", { state: appeal.state });
  return appeal;
}

/** Starts (or restarts) a draft for an appeal the actor holds; returns the templates to start from. */
export async function beginDraft(ctx: Ctx, actor: Actor, appealId: number): Promise<{ appeal: AppealRow; templates: FilledTemplate[] }> {
  const appeal = await draftableAppeal(ctx, actor, parseInput(z.number().int().positive(), appealId));
  await saveFlow(ctx, ctx.db, actor.userId, DRAFT_FLOW, { step: "text", data: { appealId } });
  return { appeal, templates: await templatesFor(ctx, appeal) };
}

export async function currentDraft(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "appeal.draft");
  return loadFlow(ctx, ctx.db, actor.userId, DRAFT_FLOW, stateSchema);
}

/** The flow at one of `steps`, for the appeal a button names; anything else is an old button. */
async function draftAt(ctx: Ctx, actor: Actor, appealId: number, steps: DraftState["step"][]) {
  const state = await currentDraft(ctx, actor);
  if (!state || state.data.appealId !== appealId || !steps.includes(state.step)) throw new DomainError("stale_button");
  return state;
}

export async function draftFromTemplate(ctx: Ctx, actor: Actor, appealId: number, templateId: number): Promise<string> {
  await draftAt(ctx, actor, appealId, ["text", "outcome", "confirm"]);
  const appeal = await draftableAppeal(ctx, actor, appealId);
  const template = (await templatesFor(ctx, appeal)).find((t) => t.id === templateId);
  if (!template) throw new DomainError("stale_button");
  await saveFlow(ctx, ctx.db, actor.userId, DRAFT_FLOW, { step: "outcome", data: { appealId, text: template.text } });
  return template.text;
}

/** The typed text replaces whatever was there: the author's final words. */
export async function draftText(ctx: Ctx, actor: Actor, raw: string): Promise<void> {
  const state = await currentDraft(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const text = raw.trim();
  if (!text) throw new DomainError("text_empty");
  if (text.length > INTAKE_LIMITS.textMax) throw new DomainError("text_too_long", { length: text.length, max: INTAKE_LIMITS.textMax });
  await saveFlow(ctx, ctx.db, actor.userId, DRAFT_FLOW, { step: "outcome", data: { appealId: state.data.appealId, text } });
}

export async function draftOutcome(ctx: Ctx, actor: Actor, appealId: number, outcome: string): Promise<void> {
  const state = await draftAt(ctx, actor, appealId, ["outcome", "confirm"]);
  const parsed = parseInput(z.enum(ANSWER_OUTCOMES), outcome);
  await saveFlow(ctx, ctx.db, actor.userId, DRAFT_FLOW, { step: "confirm", data: { ...state.data, outcome: parsed } });
}

/** The letter as the approver will see it, signed by whoever signs today: the Head or the acting deputy. */
export async function draftLetter(ctx: Ctx, actor: Actor, appealId: number): Promise<{ pdf: Buffer; fileName: string }> {
  const state = await draftAt(ctx, actor, appealId, ["confirm"]);
  const appeal = await draftableAppeal(ctx, actor, appealId);
  const signer = await expectedSigner(ctx, ctx.db);
  const answer = { text: state.data.text ?? "", outcome: state.data.outcome ?? "explained", authorUserId: actor.userId };
  const letter = await letterOf(ctx.db, signer ?? actor, appeal, answer, { outgoingNumber: null, date: almatyDate(ctx.clock.now()) });
  return { pdf: await renderAnswerLetter(letter), fileName: `${appeal.number}-draft.pdf` };
}

/** Submits the draft the flow holds; a second tap finds the appeal already awaiting approval. */
export async function submitDraftFlow(ctx: Ctx, actor: Actor, appealId: number) {
  const state = await draftAt(ctx, actor, appealId, ["confirm"]);
  const { text, outcome } = state.data;
  if (!text || !outcome) throw new DomainError("stale_button");
  const result = await submitDraft(ctx, actor, { appealId, text, outcome });
  await clearFlow(ctx.db, actor.userId, DRAFT_FLOW);
  return result;
}

export async function cancelDraft(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, DRAFT_FLOW);
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
    language: (signer.language ?? "kk") as Actor["language"],
    actingForUserId: signer.role === "deputy" ? (delegation?.headUserId ?? null) : null,
  };
}
