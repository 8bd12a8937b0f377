import { mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import type { Language } from "../../../core/shared/roles.js";
import { labels, plainText, type Label } from "../../../locales/index.js";
import type { Html } from "../../../locales/html.js";
import kk from "../../../locales/kk.json" with { type: "json" };
import ru from "../../../locales/ru.json" with { type: "json" };

/**
 * A text on screen, named by its locale key, so a changed product fails with the key that moved.
 * Without `params`, a message is recognised by its words up to the first placeholder.
 */
export type Words = string | { key: string; params?: Record<string, string | number> };

const LOCALES: Record<Language, unknown> = { kk, ru, en: {} };

/** How long one step may wait for the bot before the walk gives up on it. */
const STEP_MS = 15_000;
/** The chat counts as settled once no bubble has been added or changed for this long. */
const QUIET_MS = 400;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const exactly = (text: string) => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

/** Thrown when the product no longer shows what the guide expects; the message names the step. */
export class GuideStepFailed extends Error {}

/**
 * The sandbox web chat, driven as one demo person at a time: everything is found by the words
 * a person reads (from the locale files), never by a position on screen.
 */
export class GuideChat {
  readonly label: Label;
  readonly shots: string[] = [];
  #role = "";
  readonly #counts = new Map<string, number>();

  readonly page: Page;
  readonly language: Language;
  readonly #outDir: string;

  constructor(page: Page, language: Language, outDir: string) {
    this.page = page;
    this.language = language;
    this.#outDir = outDir;
    this.label = labels(language);
  }

  /** The role whose page the next screenshots belong to; each role's pictures are numbered 01, 02, … in order. */
  role(name: string): void {
    this.#role = name;
  }

  /** Runs one step of the walk; a failure names the role and the step. */
  async step(name: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      const seen = await this.failureShot().catch(() => "no screenshot");
      throw new GuideStepFailed(`guide step "${this.#role}: ${name}" (${this.language}) failed: ${reason} [what the page showed: ${seen}]`, { cause: error });
    }
  }

  /** The step's screenshot: docs/guide/screens/<language>/<role>-NN-<name>.png. */
  async shot(name: string): Promise<string> {
    await this.settle();
    const count = (this.#counts.get(this.#role) ?? 0) + 1;
    this.#counts.set(this.#role, count);
    const file = path.join(this.#outDir, this.language, `${this.#role}-${String(count).padStart(2, "0")}-${name}.png`);
    await mkdir(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, animations: "disabled", caret: "hide" });
    this.shots.push(file);
    return file;
  }

  private async failureShot(): Promise<string> {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), "otinish-guide-failure-")), `${this.#role}.png`);
    await this.page.screenshot({ path: file, timeout: 5_000 });
    return file;
  }

  text(words: Words): string {
    return typeof words === "string" ? words : this.label(words.key, words.params);
  }

  /** The words a message starts with: the whole text, or for a key given without values, the part before the first one. */
  lead(words: Words): string {
    if (typeof words === "string" || words.params) return this.text(words);
    const raw = words.key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], LOCALES[this.language]);
    if (typeof raw !== "string") throw new Error(`no text ${words.key} in locales/${this.language}.json`);
    const cut = raw.search(/\{\{|\$t\(/);
    return plainText((cut < 0 ? raw : raw.slice(0, cut)) as Html).split("\n")[0]!.trim();
  }

  describe(words: Words): string {
    return typeof words === "string" ? `"${words}"` : `"${this.lead(words)}" (${words.key})`;
  }

  /** Switches the web chat to the demo person with this first name. */
  async actAs(firstName: string): Promise<void> {
    const option = this.page.locator("#user-select option").filter({ hasText: new RegExp(`^${escapeRegExp(firstName)} `) });
    await this.expect(option, `the demo person ${firstName} in the "Acting as" list`, "attached");
    const value = await option.getAttribute("value");
    if (value === null) throw new Error(`the demo person ${firstName} has no value in the list`);
    await this.page.locator("#user-select").selectOption(value);
    await this.settle();
  }

  /** Switches the current person's chat to the guide's language, as /language does; no picture. */
  async useLanguage(): Promise<void> {
    await this.type("/language");
    // The chooser speaks the person's current language; the button for each language is named in that language itself.
    const name = this.label("language.name");
    const button = this.page.locator(".message.bot").last().locator(".inline-button").filter({ hasText: new RegExp(`${escapeRegExp(name)}\\s*$`) });
    await this.expect(button, `the language button "${name}"`);
    // The language in use is ticked and needs no press.
    if ((await button.textContent())?.includes("✅")) return;
    await button.click();
    await this.expect(button.filter({ hasText: "✅" }), `the language button "${name}" ticked`);
  }

  /** Types a message and sends it, as a person does. */
  async type(text: string): Promise<void> {
    await this.page.locator("#message-input").fill(text);
    await this.page.locator("#send-button").click();
    await this.expect(this.page.locator(".message.user .text").filter({ hasText: exactly(text) }).last(), `the sent message "${text}"`);
  }

  /**
   * Presses the inline button with these words on the newest bot message that has it: exactly
   * them, or for a key with values not given, the words before the first value.
   */
  async press(words: Words | RegExp): Promise<void> {
    const label = words instanceof RegExp ? words : this.lead(words) === this.text(words) ? exactly(this.text(words)) : new RegExp(`^\\s*${escapeRegExp(this.lead(words))}`);
    const button = this.page.locator(".message.bot .inline-button").filter({ hasText: label }).last();
    await this.expect(button, `the button ${words instanceof RegExp ? String(words) : this.describe(words)}`);
    await button.click();
  }

  /** Presses a button of the reply keyboard under the message box (the contact button). */
  async pressReply(words: Words): Promise<void> {
    const button = this.page.locator("#reply-keyboard .reply-button").filter({ hasText: exactly(this.text(words)) });
    await this.expect(button, `the keyboard button ${this.describe(words)}`);
    await button.click();
  }

  /** Waits for a bot message that contains these words. */
  async waitFor(words: Words | RegExp): Promise<void> {
    const text = words instanceof RegExp ? words : this.lead(words);
    const what = words instanceof RegExp ? String(words) : this.describe(words);
    await this.expect(this.page.locator(".message.bot").filter({ hasText: text }).last(), `a bot message with ${what}`);
  }

  /** Does `action`, then waits for one more bot message with these words than there was before. */
  async expectNew(words: Words | RegExp, action: () => Promise<void>): Promise<void> {
    const text = words instanceof RegExp ? words : this.lead(words);
    const messages = this.page.locator(".message.bot").filter({ hasText: text });
    const before = await messages.count();
    await action();
    await this.expect(messages.nth(before), `a new bot message with ${words instanceof RegExp ? String(words) : this.describe(words)}`);
  }

  /** Waits until the chat stops changing, so a screenshot never catches a message half drawn. */
  async settle(): Promise<void> {
    let last = "";
    let quietSince = Date.now();
    const deadline = Date.now() + STEP_MS;
    while (Date.now() < deadline) {
      // A toast over the chat (it fades after a few seconds) counts as a change not yet settled.
      const now = `${await this.page.locator("#chat").innerHTML()}${await this.page.locator("#toasts").innerHTML()}`;
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= QUIET_MS && (await this.page.locator("#toasts .toast").count()) === 0) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`the chat kept changing for ${STEP_MS / 1000} s`);
  }

  private async expect(locator: Locator, what: string, state: "visible" | "attached" = "visible"): Promise<void> {
    try {
      await locator.waitFor({ state, timeout: STEP_MS });
    } catch {
      throw new Error(`${what} did not appear within ${STEP_MS / 1000} s`);
    }
  }
}
