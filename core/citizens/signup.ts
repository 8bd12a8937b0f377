import { z } from "zod";
import { defineFlow, type Change, type FlowState } from "../flows/flow.js";
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
export type SignupState = FlowState<SignupStep, SignupData>;

/** The step before this one; the first has none. */
function previousStep(step: SignupStep, data: SignupData): SignupStep | null {
  switch (step) {
    case "language":
      return null;
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

export const signupFlow = defineFlow({
  name: "signup",
  permission: "profile.edit",
  steps: SIGNUP_STEPS,
  data: dataSchema,
  // The phone question carries the contact button, a reply keyboard, so its Back is a reply
  // button beside it (answered as `{ type: "back" }`), not an inline one.
  back({ step, data }) {
    const previous = step === "phone" ? null : previousStep(step, data);
    return previous && { step: previous, data };
  },
});

/** A button's answer names the version of the question it was drawn for: an older one is stale. */
const drawnFor = { version: z.number().int().positive().optional() };

const inputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("language"), language: z.enum(LANGUAGES), ...drawnFor }),
  /** `text` and `language`: the consent exactly as it was shown, to be kept with the answer. */
  z.object({ type: z.literal("consent"), accepted: z.boolean(), text: z.string(), language: z.enum(LANGUAGES), ...drawnFor }),
  z.object({ type: z.literal("kind"), kind: z.enum(CITIZEN_KINDS), ...drawnFor }),
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("contact"), phone: z.string(), contactUserId: z.number().optional() }),
  z.object({ type: z.literal("back") }),
]);
export type SignupInput = z.input<typeof inputSchema>;
type Answer = z.output<typeof inputSchema>;

export type SignupView = (SignupState & { declined?: boolean; actor: Actor }) | { step: "done"; profile: CitizenProfile; actor: Actor };

/** What an answer did besides moving the step: the person as they now are, a declined consent, the finished profile. */
interface Outcome {
  actor: Actor;
  declined?: boolean;
  profile?: CitizenProfile;
}

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

/** `/start`: the saved step if sign-up is under way, the first step if not, "done" for a finished profile. */
export async function beginSignup(ctx: Ctx, actor: Actor): Promise<SignupView> {
  const profile = await getProfile(ctx, actor);
  if (profile) return { step: "done", profile, actor };
  const state = (await signupFlow.load(ctx, actor)) ?? (await signupFlow.start(ctx, actor, { step: "language", data: {} }));
  return { ...state, actor };
}

/** The current step without changing anything. */
export async function currentSignup(ctx: Ctx, actor: Actor): Promise<SignupView | null> {
  const state = await signupFlow.load(ctx, actor);
  return state && { ...state, actor };
}

export async function answerSignup(ctx: Ctx, actor: Actor, rawInput: SignupInput): Promise<SignupView> {
  const input = parseInput(inputSchema, rawInput);
  const { state, result } = await signupFlow.update(ctx, actor, async (current, inTx) => {
    if ("version" in input && input.version !== undefined && input.version !== current.version) throw new DomainError("stale_button");
    return answer(inTx, actor, current, input);
  });
  if (result.profile) return { step: "done", profile: result.profile, actor: result.actor };
  return { ...state!, actor: result.actor, ...(result.declined && { declined: true }) };
}

async function answer(ctx: Ctx, actor: Actor, { step, data }: SignupState, input: Answer): Promise<Change<SignupStep, SignupData, Outcome>> {
  const go = (next: SignupStep, nextData = data, me = actor) => ({ next: { step: next, data: nextData }, result: { actor: me } });
  if (input.type === "back") {
    const previous = previousStep(step, data);
    if (!previous) throw new DomainError("stale_button");
    return go(previous);
  }
  checkExpected(EXPECTS[step], input.type);

  switch (input.type) {
    case "language": {
      const me = await setLanguage(ctx, ctx.db, actor, input.language);
      return go((await hasCurrentConsent(ctx.db, me)) ? "kind" : "consent", data, me);
    }
    case "consent":
      // Declining changes nothing: the question stays, with a word on why it matters.
      if (!input.accepted) return { next: { step, data }, result: { actor, declined: true } };
      await recordConsent(ctx, ctx.db, actor, { language: input.language, text: input.text });
      return go("kind");
    case "kind":
      return go("fullName", { ...data, kind: input.kind });
    case "text": {
      const [next, nextData] = answerText(step, data, input.text);
      return go(next, nextData);
    }
    case "contact": {
      const phone = parseOwnContact({ phone: input.phone, userId: input.contactUserId }, actor.telegramId);
      const profile = toProfile(data, phone);
      await saveProfile(ctx, ctx.db, actor, profile);
      return { next: null, result: { actor, profile } };
    }
  }
}

function checkExpected(expected: (typeof EXPECTS)[SignupStep], got: Exclude<Answer["type"], "back">): void {
  if (expected === got) return;
  const buttons = ["language", "consent", "kind"];
  // A press of a button that belongs to another step comes from an old message.
  if (buttons.includes(got)) throw new DomainError("stale_button");
  if (buttons.includes(expected)) throw new DomainError("use_buttons");
  throw new DomainError(expected === "contact" ? "expects_contact" : "expects_text");
}

function answerText(step: SignupStep, data: SignupData, text: string): [SignupStep, SignupData] {
  switch (step) {
    case "fullName":
      return [data.kind === "legal" ? "bin" : "iin", { ...data, fullName: parseFullName(text) }];
    case "iin":
      return ["phone", { ...data, iin: parseIin(text) }];
    case "bin":
      return ["organization", { ...data, bin: parseBin(text) }];
    case "organization":
      return ["phone", { ...data, organization: parseOrganization(text) }];
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
