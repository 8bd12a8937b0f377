import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { journalExport } from "./export.js";
import { journals } from "./journals.js";
import { markEntry } from "./mark.js";
import { newEntry } from "./new-entry.js";

/** The registry (DESIGN §6): journals, new lines with their scans, marks for official use, workbooks; typed answers reach their flows through the router. */
export const registry = new Composer<BotContext>(journals, journalExport, newEntry, markEntry);
