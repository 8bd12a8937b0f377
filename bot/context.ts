import type { Context } from "grammy";
import type { ShownList } from "../core/flows/shown-list.js";
import type { Ctx } from "../core/shared/context.js";
import type { Actor } from "../core/shared/roles.js";
import type { Translate } from "./i18n.js";

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
  t: Translate;
  /** Names of the flows this person is in, read once per message. */
  flows: ReadonlySet<string>;
  /** The flow most recently started or advanced: the one a typed message answers. */
  activeFlow: string | undefined;
  /** The list that was on screen before this press or command, taken off as the active step. */
  shownList?: ShownList | null;
  /** Set once the button press has been answered, so the rest of the chain does not answer twice. */
  callbackAnswered: boolean;
}
