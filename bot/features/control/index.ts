import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { decisions } from "./decisions.js";
import { myItems } from "./my-items.js";
import { recordControl } from "./record.js";

/** Control documents (DESIGN §4): recording, the executors' items and the decisions; typed answers reach their flows through the router. */
export const control = new Composer<BotContext>(recordControl, myItems, decisions);
