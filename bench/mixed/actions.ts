import { performance } from "node:perf_hooks";
import type { ChatMessage, ChatView, SandboxUser } from "../../test/support/sandbox-user.js";
import { shown } from "../../test/support/texts.js";
import { sees, type Sight } from "../chaos/script.js";

/** What the load is made of: citizens' screens and flows, staff lists and cards, routing an appeal. */
export type Share = "citizen" | "staff" | "routing";

/** Each answered update's time from the person's act to the answer they waited for, by share. */
export interface Tally {
  measuring: boolean;
  latencies: Record<Share, number[]>;
  /** Answers that never came within the wait: the bot lost or dropped the update. */
  unanswered: number;
  /** Answers other than the one the visit went on from (a colleague routed the appeal first), which end the visit. */
  offScript: number;
}

/** A person gives up on an answer after this long; it is then counted unanswered. */
const WAIT_MS = 10_000;
const NUMBER = /^Ж[ТБ]-\d{4}-\d{6}/;
const t = (key: string, params: Record<string, string | number> = {}) => shown("ru", key, params);
/** The beginning of a long text, enough to know it by. */
const start = (key: string, params: Record<string, string | number> = {}) => t(key, params).slice(0, 24);

const newBotMessages = (view: ChatView, since: number) => view.messages.filter((m) => m.from === "bot" && !m.deleted && m.seq > since);
/** Any answer at all: a message drawn or redrawn, or a pop-up notice. */
const anything: Sight = (view, since) => newBotMessages(view, since).length > 0 || view.toasts.length > 0;
/** A new or redrawn message with a button whose label matches. */
const buttonLike = (match: RegExp): Sight => (view, since) => newBotMessages(view, since).some((m) => m.inline_keyboard?.flat().some((b) => match.test(b.text)));

/** The newest button in `view` whose label matches, with the message it is on. */
function buttonIn(view: ChatView, match: string | RegExp): { message: ChatMessage; data: string; text: string } | undefined {
  for (const message of view.messages.filter((m) => m.from === "bot" && !m.deleted).reverse()) {
    const buttons = message.inline_keyboard?.flat().filter((b) => (typeof match === "string" ? b.text === match : match.test(b.text)) && b.callback_data !== undefined) ?? [];
    const button = buttons[Math.floor(Math.random() * buttons.length)];
    if (button) return { message, data: button.callback_data!, text: button.text };
  }
  return undefined;
}

/** One person's turn: each act waits for its answer, as a person would, and its time is counted. */
class Turn {
  readonly user: SandboxUser;
  readonly #share: Share;
  readonly #tally: Tally;

  constructor(user: SandboxUser, share: Share, tally: Tally) {
    this.user = user;
    this.#share = share;
    this.#tally = tally;
  }

  /**
   * Acts and waits to see `expect`, counting the time to it. A wait that ends without it ends the
   * visit: off script when the bot said something else (a notice of the outbox, say), unanswered
   * when it said nothing.
   */
  async act(act: (u: SandboxUser) => Promise<void>, expect: Sight): Promise<ChatView | undefined> {
    const began = performance.now();
    const measured = this.#tally.measuring;
    await act(this.user);
    const since = this.user.lastAction;
    const view = await this.user.waitFor((v) => expect(v, since), WAIT_MS).catch(() => undefined);
    if (view) {
      if (measured) this.#tally.latencies[this.#share].push(performance.now() - began);
      return view;
    }
    if (measured) {
      if (anything(await this.user.waitFor(() => true, 0), since)) this.#tally.offScript++;
      else this.#tally.unanswered++;
    }
    return undefined;
  }

  send(text: string, expect: Sight) {
    return this.act((u) => u.send(text), expect);
  }

  /** Presses a button of `view` that matches (one at random if several do), then waits for what its label leads to. */
  press(view: ChatView | undefined, match: string | RegExp, expect: (label: string) => Sight) {
    const button = view && buttonIn(view, match);
    return button ? this.act((u) => u.pressData(button.message.message_id, button.data), expect(button.text)) : undefined;
  }
}

/** Refused with a pop-up notice: a colleague took the appeal a moment earlier. */
const refused: Sight = (view) => view.toasts.length > 0;
const card = (number: string) => sees.text(number);

/** A citizen opens the menu, their appeals and one of them. */
async function citizenScreens(turn: Turn): Promise<void> {
  const menu = await turn.send("/start", sees.button(t("menu.my_appeals")));
  const list = await turn.press(menu, t("menu.my_appeals"), () => sees.text(t("appeal.list.title", { total: 0 }).slice(0, 14)));
  await turn.press(list, NUMBER, card);
}

/** A citizen starts an appeal, writes its text, and thinks better of it. */
async function citizenDraft(turn: Turn): Promise<void> {
  const menu = await turn.send("/start", sees.button(t("menu.submit_appeal")));
  const types = await turn.press(menu, t("menu.submit_appeal"), () => sees.button(t("appeal.type.request")));
  const asked = await turn.press(types, t("appeal.type.request"), () => sees.text(start("appeal.intake.ask_text", { max: "10 000" })));
  if (!asked) return;
  const text = await turn.send("Прошу разъяснить, когда будет рассмотрено моё заявление о выдаче копии решения.", sees.text(start("appeal.intake.ask_files", { max_mb: 20, max: 10, count: 0 })));
  if (text) await turn.send("/cancel", sees.text(t("appeal.intake.cancelled")));
}

/** A reviewer opens their list and one appeal's card. */
async function reviewerCard(turn: Turn): Promise<void> {
  const list = await turn.send("/appeals", sees.text(start("staff.appeals.title")));
  await turn.press(list, NUMBER, card);
}

/** A registrar takes the oldest new appeal and routes it to a reviewer; a colleague may take it first. */
async function registrarRoutes(turn: Turn): Promise<void> {
  const category = t("appeal.category.court_proceedings");
  const reviewer = /\(\d+\)$/;
  const next = sees.any(sees.button(category), sees.text(t("staff.registry.empty")), refused);
  const item = await turn.send("/queue", sees.any(sees.button(category), sees.text(t("staff.registry.empty"))));
  const chosen = await turn.press(item, category, () => sees.any(sees.button(t("staff.registry.assign")), refused));
  const reviewers = await turn.press(chosen, t("staff.registry.assign"), () => sees.any(buttonLike(reviewer), refused));
  await turn.press(reviewers, reviewer, () => next);
}

export interface People {
  citizen: () => Promise<SandboxUser>;
  reviewer: () => Promise<SandboxUser>;
  registrar: () => Promise<SandboxUser>;
  release: (user: SandboxUser) => void;
}

/**
 * One person's next visit, drawn so that updates fall about 60% to citizens, 30% to staff lists
 * and cards and 10% to routing (a visit of each kind sends about 4, 2 and 4 updates).
 */
export async function visit(people: People, tally: Tally): Promise<void> {
  const r = Math.random();
  const [share, who, script]: [Share, () => Promise<SandboxUser>, (turn: Turn) => Promise<void>] =
    r < 0.46
      ? ["citizen", people.citizen, Math.random() < 0.5 ? citizenScreens : citizenDraft]
      : r < 0.92
        ? ["staff", people.reviewer, reviewerCard]
        : ["routing", people.registrar, registrarRoutes];
  const user = await who();
  try {
    await script(new Turn(user, share, tally));
  } finally {
    people.release(user);
  }
}
