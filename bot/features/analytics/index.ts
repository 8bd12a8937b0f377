import { Composer } from "grammy";
import "./dashboard-buttons.js";
import type { BotContext } from "../../context.js";
import { statsCharts } from "./charts.js";
import { legalReport } from "./legal-report.js";
import { stats } from "./stats.js";
import { statsWorkbook } from "./workbook.js";

/** Analytics (DESIGN §7): figures in chat, their charts and workbooks. */
export const analytics = new Composer<BotContext>(stats, statsWorkbook, statsCharts, legalReport);
