import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { answers } from "./answers.js";
import { decisions } from "./decisions.js";
import { myItems } from "./my-items.js";
import { recordControl } from "./record.js";

/** Control documents (Reg. 7.1.8; DESIGN §4): recording, the executors' items, decisions, and the answers typed for them. */
export const control = new Composer<BotContext>(recordControl, myItems, decisions, answers);
