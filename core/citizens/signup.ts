import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import { setLanguage } from "../people/users.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { LANGUAGES, type Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { hasCurrentConsent, recordConsent } from "./consent.js";
import { parseBin, parseFullName, parseIin, parseOrganization, parseOwnContact } from "./fields.js";
import { CITIZEN_KINDS, getProfile, saveProfile, type CitizenProfile } from "./profile.js";

/**
 * Citizen sign-up (DESIGN §2 intake): language → consent → individual or legal entity → name →
 * IIN, or BIN and organisation → own phone. Each answer is checked here and the step is stored,
 * so the bot only renders and a restart resumes where the person was.
 */
export const SIGNUP_FLOW = "signup";

export const SIGNUP_STEPS = ["language", "consent", "kind", "fullName", "iin", "bin", "organization", "phone"] as const;
export type SignupStep = (typeof SIGNUP_STEPS)[number];

const dataSchema = z.object({
  kind: z.enum(CITIZEN_KINDS).optional(),
  fullName: z.string().optional(),
  iin: z.string().optional(),
  bin: z.string().optional(),
  organization: z.string().optional(),
});
export type SignupData = z.infer<typeof dataSchema>;
const stateSchema = z.object({ step: z.enum(SIGNUP_STEPS), data: dataSchema });

const inputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("language"), language: z.enum(LANGUAGES) }),
  /** `text` and `language`: the consent exactly as it was shown, to be kept with the answer. */
  z.object({ type: z.literal("consent"), accepted: z.boolean(), text: z.string(), language: z.enum(LANGUAGES) }),
  z.object({ type: z.literal("kind"), kind: z.enum(CITIZEN_KINDS) }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("contact"), phone: z.string(), contactUserId: z.number().optional() }),
  z.object({ type: z.literal("back") }),
]);
export type SignupInput = z.input<typeof inputSchema>;

export type SignupView =
  | { step: SignupStep; data: SignupData; messageId: number | null; declined?: boolean; actor: Actor }
  | { step: "done"; profile: CitizenProfile; actor: Actor };

/** What kind of answer each step waits for; anything else gets a hint, not a change. */
const EXPECTS: Record<SignupStep, "language" | "consent" | "kind" | "text" | "contact"> = {
  language: "language",
  consent: "consent",
  kind: "kind",
  fullName: "text",
  iin: "text",
  bin: "text",
  organization: "text",
  phone: "contact",
};

function previousStep(step: SignupStep, data: SignupData): SignupStep {
  switch (step) {
    case "language":
    case "consent":
      return "language";
    case "kind":
      return "consent";
    case "fullName":
      return "kind";
    case "iin":
    case "bin":
      return "fullName";
    case "organization":
      return "bin";
    case "phone":
      return data.kind === "legal" ? "organization" : "iin";
  }
}

/** `/start`: the saved step if sign-up is under way, the first step if not, "done" for a finished profile. */
export async function beginSignup(ctx: Ctx, actor: Actor): Promise<SignupView> {
  const profile = await getProfile(ctx, actor);
  if (profile) return { step: "done", profile, actor };
  const state = await loadFlow(ctx, ctx.db, actor.userId, SIGNUP_FLOW, stateSchema);
  if (state) return { ...state, actor };
  await saveFlow(ctx, ctx.db, actor.userId, SIGNUP_FLOW, { step: "language", data: {} });
  return { step: "language", data: {}, messageId: null, actor };
}

/** The current step without changing anything (to re-ask after a hint). */
export async function currentSignup(ctx: Ctx, actor: Actor): Promise<SignupView | null> {
  const state = await loadFlow(ctx, ctx.db, actor.userId, SIGNUP_FLOW, stateSchema);
  return state ? { ...state, actor } : null;
}

export async function answerSignup(ctx: Ctx, actor: Actor, rawInput: SignupInput): Promise<SignupView> {
  const input = parseInput(inputSchema, rawInput);
  return ctx.db.transaction(async (tx) => {
    const state = await loadFlow(ctx, tx, actor.userId, SIGNUP_FLOW, stateSchema);
    if (!state) throw new DomainError("signup_not_started");
    const { step, data } = state;
    let me = actor;
    const go = async (next: SignupStep, nextData: SignupData): Promise<SignupView> => {
      await saveFlow(ctx, tx, actor.userId, SIGNUP_FLOW, { step: next, data: nextData });
      return { step: next, data: nextData, messageId: state.messageId, actor: me };
    };

    if (input.type === "back") return go(previousStep(step, data), data);
    checkExpected(EXPECTS[step], input.type);

    switch (input.type) {
      case "language": {
        me = await setLanguage(ctx, tx, actor, input.language);
        return go((await hasCurrentConsent(tx, me)) ? "kind" : "consent", data);
      }
      case "consent": {
        if (!input.accepted) return { ...state, declined: true, actor };
        await recordConsent(ctx, tx, actor, { language: input.language, text: input.text });
        return go("kind", data);
      }
      case "kind":
        return go("fullName", { ...data, kind: input.kind });
      case "text":
        return answerText(step, data, input.text, go);
      case "contact": {
        const phone = parseOwnContact({ phone: input.phone, userId: input.contactUserId }, actor.telegramId);
        const profile = toProfile(data, phone);
        await saveProfile(ctx, tx, actor, profile);
        await clearFlow(tx, actor.userId, SIGNUP_FLOW);
        return { step: "done", profile, actor };
      }
    }
  });
}

function checkExpected(expected: (typeof EXPECTS)[SignupStep], got: Exclude<SignupInput["type"], "back">): void {
  if (expected === got) return;
  const buttons = ["language", "consent", "kind"];
  // A press of a button that belongs to another step comes from an old message.
  if (buttons.includes(got)) throw new DomainError("stale_button");
  if (buttons.includes(expected)) throw new DomainError("use_buttons");
  throw new DomainError(expected === "contact" ? "expects_contact" : "expects_text");
}

function answerText(
  step: SignupStep,
  data: SignupData,
  text: string,
  go: (next: SignupStep, data: SignupData) => Promise<SignupView>,
): Promise<SignupView> {
  switch (step) {
    case "fullName":
      return go(data.kind === "legal" ? "bin" : "iin", { ...data, fullName: parseFullName(text) });
    case "iin":
      return go("phone", { ...data, iin: parseIin(text) });
    case "bin":
      return go("organization", { ...data, bin: parseBin(text) });
    case "organization":
      return go("phone", { ...data, organization: parseOrganization(text) });
    default:
      throw new DomainError("use_buttons");
  }
}

function toProfile(data: SignupData, phone: string): CitizenProfile {
  const { kind, fullName } = data;
  if (!kind || !fullName) throw new DomainError("signup_incomplete");
  if (kind === "individual") {
    if (!data.iin) throw new DomainError("signup_incomplete");
    return { kind, fullName, iin: data.iin, bin: null, organization: null, phone };
  }
  if (!data.bin || !data.organization) throw new DomainError("signup_incomplete");
  return { kind, fullName, iin: null, bin: data.bin, organization: data.organization, phone };
}

/** `/cancel` during sign-up: forget the answers; the profile is not created. */
export async function cancelSignup(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, SIGNUP_FLOW);
}
