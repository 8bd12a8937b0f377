import fc from "fast-check";
import { eq } from "drizzle-orm";
import { citizens, users } from "../../db/schema/index.js";
import type { Language } from "../../core/shared/roles.js";
import type { Harness } from "../support/harness.js";
import type { SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";
import type { Settle } from "./settle.js";

/**
 * Random sequences of what people send the real bot (through the emulator): a citizen, another
 * citizen's secrets on the side, a stranger who never signed up and a registrar. One bot and one
 * database for every run; each run brings fresh people.
 */
export type Who = "citizen" | "stranger" | "staff";
export type Step =
  | { kind: "text"; who: Who; text: string }
  | { kind: "start" | "cancel" | "contact" | "forged" | "stale"; who: Who }
  | { kind: "submit" }
  | { kind: "again" }
  | { kind: "restart" };

const who = fc.constantFrom<Who>("citizen", "stranger", "staff");
/** What a Telegram client lets a person send: not only blanks. */
const typed = fc.string({ minLength: 1, maxLength: 60 }).filter((text) => text.trim() !== "");
export const steps = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant("text" as const), who, text: typed }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom("start" as const, "cancel" as const, "contact" as const, "forged" as const, "stale" as const), who }) },
    { weight: 2, arbitrary: fc.constant({ kind: "submit" as const }) },
    { weight: 2, arbitrary: fc.constant({ kind: "again" as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: "restart" as const }) },
  ),
  { minLength: 1, maxLength: 6 },
);

export interface Cast {
  citizen: SandboxUser;
  stranger: SandboxUser;
  staff: SandboxUser;
  /** The buttons another citizen was shown for their own appeal: what a forger would replay. */
  othersButtons: string[];
  /** What only the other citizen may read. */
  secrets: string[];
}

/** The bot under test, and the wait until it has finished every update. */
export interface Stage {
  h: Harness;
  settled: Settle;
}

/** The newest message of the chat (any), which a press may name. */
async function newestMessage(u: SandboxUser): Promise<number | undefined> {
  return (await u.messages()).at(-1)?.message_id;
}

/** Button data the person was shown before, oldest first. */
async function ownButtons(u: SandboxUser): Promise<{ messageId: number; data: string }[]> {
  return (await u.messages()).flatMap((m) => (m.inline_keyboard ?? []).flat().flatMap((b) => (b.callback_data ? [{ messageId: m.message_id, data: b.callback_data }] : [])));
}

/** One step, done as the person would; `pick` chooses among the buttons a step may press. */
export async function perform(stage: Stage, cast: Cast, step: Step, pick: number): Promise<void> {
  const person = "who" in step ? cast[step.who] : cast.citizen;
  switch (step.kind) {
    case "text":
      return person.send(step.text);
    case "start":
      return person.send("/start");
    case "cancel":
      return person.send("/cancel");
    case "contact":
      return person.sendContact();
    case "forged": {
      const at = await newestMessage(person);
      if (at !== undefined && cast.othersButtons.length > 0) await person.pressData(at, cast.othersButtons[pick % cast.othersButtons.length]!);
      return;
    }
    case "stale": {
      const shownBefore = await ownButtons(person);
      const old = shownBefore[pick % Math.max(shownBefore.length, 1)];
      if (old) await person.pressData(old.messageId, old.data);
      return;
    }
    case "again":
      // Telegram sends the latest update again, as when the bot's confirmation was lost.
      stage.h.sandbox.state.deliverAgain(stage.h.sandbox.state.updatesSent);
      return;
    case "restart":
      await stage.settled();
      return stage.h.restart();
    case "submit":
      return submit(stage, cast.citizen, pick);
  }
}

/** The language the bot speaks to the person now: a stale press may have chosen another. */
async function spokenLanguage(h: Harness, telegramId: number): Promise<Language> {
  const [user] = await h.db.database.db.select({ chosen: users.language, seen: users.seenLanguage }).from(users).where(eq(users.telegramId, telegramId));
  return (user?.chosen ?? user?.seen ?? "kk") as Language;
}

/** The whole intake, when the citizen is where it can begin; it may be refused midway by what came before. */
async function submit(stage: Stage, u: SandboxUser, pick: number): Promise<void> {
  const { settled } = stage;
  await settled();
  await u.send("/cancel");
  await u.send("/start");
  await settled();
  const lang = await spokenLanguage(stage.h, u.userId);
  const steps = [
    () => u.press(shown(lang, "menu.submit_appeal"), { timeoutMs: 3000 }),
    () => u.press(shown(lang, "appeal.type.request"), { timeoutMs: 3000 }),
    () => u.send(`Прошу выдать копию протокола, обращение ${pick}.`),
    () => u.press(shown(lang, "appeal.intake.files_skip"), { timeoutMs: 3000 }),
    () => u.press(shown(lang, "appeal.language.ru"), { timeoutMs: 3000 }),
    () => u.press(shown(lang, "appeal.intake.channel_chat"), { timeoutMs: 3000 }),
    () => u.press(shown(lang, "appeal.intake.confirm"), { timeoutMs: 3000 }),
  ];
  for (const next of steps) {
    await settled();
    await next();
  }
}

/** Whether a stranger ended up with a citizen's profile or any role. */
export async function strangerGained(h: Harness, telegramId: number): Promise<boolean> {
  const [user] = await h.db.database.db
    .select({ role: users.role, profile: citizens.userId })
    .from(users)
    .leftJoin(citizens, eq(citizens.userId, users.id))
    .where(eq(users.telegramId, telegramId));
  return user !== undefined && (user.profile !== null || user.role !== "citizen");
}
