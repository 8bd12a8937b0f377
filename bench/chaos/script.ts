import type { ChatView, SandboxUser } from "../../test/support/sandbox-user.js";

/** What a person waits to see after acting: a bot message, a button, a pop-up notice or a reply keyboard. */
export type Sight = (view: ChatView, since: number) => boolean;

const newBotMessages = (view: ChatView, since: number) => view.messages.filter((m) => m.from === "bot" && !m.deleted && m.seq > since);

export const sees = {
  text: (match: RegExp | string): Sight => (view, since) =>
    newBotMessages(view, since).some((m) => (typeof match === "string" ? m.text.includes(match) : match.test(m.text))),
  button: (label: string): Sight => (view, since) => newBotMessages(view, since).some((m) => m.inline_keyboard?.flat().some((b) => b.text === label)),
  toast: (match: string): Sight => (view) => view.toasts.some((t) => t.text === match),
  replyButton: (label: string): Sight => (view) => view.reply_keyboard?.keyboard.flat().some((b) => b.text === label) ?? false,
  any:
    (...sights: Sight[]): Sight =>
    (view, since) =>
      sights.some((s) => s(view, since)),
};

/** A step whose expected answer never came, not even after the person nudged the bot. */
export class Stuck extends Error {
  override name = "Stuck";
}

/**
 * One person working through the bot as a person would: act, then wait to see the answer. The bot
 * may be dead for a while, so the wait is long. When the answer does not come (the bot did the work
 * but died before showing it, and the step's button is now out of date), the person sends something
 * the step cannot take, which makes the bot ask the current question again: a nudge, counted.
 */
export class Script {
  readonly user: SandboxUser;
  readonly #stepMs: number;
  /** The steps at which the person had to nudge the bot. */
  readonly nudged: string[] = [];
  /** The step under way, named for the report when the person gets stuck. */
  at = "";

  constructor(user: SandboxUser, stepMs: number) {
    this.user = user;
    this.#stepMs = stepMs;
  }

  /** Does something and waits to see `expect`; a press is tried once more after the nudge, a message is not sent twice. */
  async step(name: string, act: (u: SandboxUser) => Promise<void>, expect: Sight, again = false): Promise<ChatView> {
    this.at = name;
    let acted = false;
    const attempt = async () => {
      acted = await act(this.user).then(
        () => true,
        // The button never showed: the question before it was not drawn.
        () => false,
      );
      return acted ? this.#see(expect) : undefined;
    };
    const view = await attempt();
    if (view) return view;
    this.nudged.push(name);
    await this.user.sendSticker();
    // The bot asks its current question again: the answer awaited, or (a press never made) the question to press on.
    const reasked = acted ? await this.#see(expect) : undefined;
    const retried = reasked ?? (again ? await attempt() : undefined);
    if (!retried) throw new Stuck(name);
    return retried;
  }

  /** Presses the button labelled `label`, then waits to see `expect`. */
  tap(name: string, label: string, expect: Sight): Promise<ChatView> {
    return this.step(name, (u) => u.press(label, { timeoutMs: this.#stepMs }), expect, true);
  }

  async #see(expect: Sight): Promise<ChatView | undefined> {
    const since = this.user.lastAction;
    return this.user.waitFor((view) => expect(view, since), this.#stepMs).catch(() => undefined);
  }
}
