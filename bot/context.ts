import type { Context } from "grammy";
import type { ConsentState } from "../core/citizens/consent.js";
import type { ShownList } from "../core/flows/shown-list.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor, Language } from "../core/shared/roles.js";
import { labels, translator, type Label, type Translate } from "../locales/index.js";

/** What the bot layer needs besides Telegram: the domain's context and a few settings. */
export interface BotDeps {
  core: Ctx;
  operatorBin: string;
  /** How to fetch uploads from the Bot API server. */
  apiRoot: string;
  token: string;
}

export interface BotContext extends Context {
  deps: BotDeps;
  /** The person behind this update, as the domain knows them. */
  actor: Actor & { languageChosen: boolean };
  /** Message text in the person's language, values escaped. */
  t: Translate;
  /** Button labels and pop-up notices in the person's language: plain text. */
  label: Label;
  /** Their consent as this update began (read with the person). */
  consent: ConsentState;
  /** Names of the flows this person is in, read once per message. */
  flows: ReadonlySet<string>;
  /** The flow most recently started or advanced: the one a typed message answers. */
  activeFlow: string | undefined;
  /** The list that was on screen before this press or command, taken off as the active step. */
  shownList?: ShownList | null;
  /** Set once the button press has been answered, so the rest of the chain does not answer twice. */
  callbackAnswered: boolean;
}

/** Speaks to the person in `language` from now on, in messages and on buttons alike. */
export function speak(ctx: BotContext, language: Language): void {
  ctx.t = translator(language);
  ctx.label = labels(language);
}
