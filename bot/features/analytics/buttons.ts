import { PERIOD_KINDS } from "../../../core/analytics/period.js";
import { defineButtons, field } from "../../buttons/codec.js";

/**
 * What a statistics screen shows: whose figures (`d` the department, `u` a unit, `r` a reviewer,
 * with its id in `of`), which kind of period, and how many periods back from the current one.
 */
export const VIEW = { scope: field.choice("d", "u", "r"), of: field.page, period: field.choice(...PERIOD_KINDS), back: field.page };

const stats = defineButtons("sx", 1);
export const showButton = stats.action("show", VIEW);
export const workbookButton = stats.action("xlsx", VIEW);
export const chartsButton = stats.action("charts", VIEW);
/** The legal-statistics report of the screen's period, for the whole department. */
export const legalReportButton = stats.action("legal", { period: VIEW.period, back: VIEW.back, format: field.choice("pdf", "xlsx") });
