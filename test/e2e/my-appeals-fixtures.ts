import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { approveDraft, pendingDraft, submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import type { Receipt } from "../../core/appeals/receipt.js";
import { registerAppeal } from "../../core/appeals/register.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { staffMember } from "../support/citizens.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import type { ChatMessage, SandboxUser } from "../support/sandbox-user.js";
import { shown } from "../support/texts.js";

/** What the "My appeals" end-to-end files share: their bot, their staff, the appeals they start from, and the words they check. */

export const REGISTRAR = 959001;
const HEAD = 959002;

export const TEXT = "Прошу разъяснить порядок получения копии решения суда по гражданскому делу № 2-123/2026.";
export const ANSWER = "Копию решения можно получить в канцелярии суда, подав заявление.";

/** The dates as the bot writes them: the harness clock stands at Monday 2 March 2026, 09:00 in Almaty. */
export const RECEIVED = "02.03.2026 09:00";
export const DUE = "27.03.2026";

export const labels = (m: ChatMessage) => (m.inline_keyboard ?? []).flat().map((b) => b.text);
export const toast = (u: SandboxUser, text: string) => u.waitFor((v) => v.toasts.some((t) => t.text === text));

export function historyLine(lang: "kk" | "ru", key: string, params: Record<string, string | number> = {}, at = RECEIVED) {
  return shown(lang, "appeal.history.line", { at, what: shown(lang, `appeal.history.${key}`, params) });
}

export interface MyAppealsBot {
  /** Set before the file's first test. */
  h: Harness;
  registrar: Actor;
  head: Actor;
  core(): Ctx;
  register(actor: Actor, language?: "kk" | "ru", text?: string): Promise<Receipt>;
  /** An appeal taken through review to an approved answer. */
  answered(actor: Actor, answer?: string): Promise<Receipt>;
}

/**
 * The bot for one test file, started before its tests and stopped after them: the citizens `people`
 * (even ids in Kazakh, odd in Russian), a registrar and a head.
 */
export function myAppealsBot(people: number[]): MyAppealsBot {
  const core = () => bot.h.app().core;
  const register = (actor: Actor, language: "kk" | "ru" = "ru", text = TEXT) =>
    registerAppeal(core(), actor, { draftId: randomUUID(), type: "application", text, language, replyChannel: "chat" });
  const bot = {
    core,
    register,
    async answered(actor: Actor, answer = ANSWER) {
      const receipt = await register(actor);
      await classifyAppeal(core(), bot.registrar, { appealId: receipt.appealId, category: "general" });
      await submitDraft(core(), bot.registrar, { appealId: receipt.appealId, text: answer, outcome: "explained" });
      await approveDraft(core(), bot.head, { appealId: receipt.appealId, answerId: (await pendingDraft(core().db, receipt.appealId))!.id });
      return receipt;
    },
  } as MyAppealsBot;
  beforeAll(async () => {
    bot.h = await startHarness([
      ...people.map((id) => citizen(id, id % 2 === 0 ? "kk" : "ru")),
      { ...citizen(REGISTRAR, "ru"), demoRole: "registrar" },
      { ...citizen(HEAD, "kk"), demoRole: "head" },
    ]);
    bot.registrar = await staffMember(core(), REGISTRAR, "registrar");
    bot.head = await staffMember(core(), HEAD, "head");
  });
  afterAll(() => bot.h.dispose());
  return bot;
}
