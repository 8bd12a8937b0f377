import { InlineKeyboard } from "grammy";
import { RECORDED_SOURCES } from "../../../core/control/kinds.js";
import { defineButtons, field } from "../../buttons/codec.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import type { Label } from "../../../locales/index.js";

/** An executor's item: open it, report, ask for more time, back to the list. */
const items = defineButtons("ct", 2);
export const openItem = items.action("open", { item: field.id });
export const reportButton = items.action("report", { item: field.id });
export const moreTimeButton = items.action("more_time", { item: field.id });
export const itemsList = items.action("list", {});

/** A decision under a notice: accept or return a report, grant or refuse more time. */
const decisions = defineButtons("cd", 2);
export const acceptReportButton = decisions.action("accept", { report: field.id });
export const returnReportButton = decisions.action("return", { report: field.id });
export const grantButton = decisions.action("grant", { request: field.id });
export const refuseButton = decisions.action("refuse", { request: field.id });

/** The recording flow's buttons (its Back too): the source by name, an executor ticked, executors done, the offered due date, record. */
export const recordButtons = defineButtons("cr", 2);
export const sourceButton = recordButtons.action("source", { source: field.choice(...RECORDED_SOURCES) });
export const executorButton = recordButtons.action("executor", { user: field.id });
export const executorsDoneButton = recordButtons.action("done", {});
export const dueButton = recordButtons.action("due", { date: field.date });
export const confirmRecordButton = recordButtons.action("confirm", {});

export function executorKeyboard(label: Label, executorId: number, options: { report: boolean; moreTime: boolean } = { report: true, moreTime: true }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (options.report) keyboard.text(label("control.button.report"), reportButton.encode({ item: executorId })).row();
  if (options.moreTime) keyboard.text(label("control.button.more_time"), moreTimeButton.encode({ item: executorId })).row();
  return keyboard;
}

// Messages the core writes to the outbox carry these by name (core/control: assigned, reminder, report, request).
registerOutboxKeyboard("control.executor", (label, executorId) => executorKeyboard(label, executorId));
registerOutboxKeyboard("control.report", (label, reportId) =>
  new InlineKeyboard()
    .text(label("control.button.accept"), acceptReportButton.encode({ report: reportId }))
    .text(label("control.button.return"), returnReportButton.encode({ report: reportId })),
);
registerOutboxKeyboard("control.extension", (label, requestId) =>
  new InlineKeyboard()
    .text(label("control.button.grant"), grantButton.encode({ request: requestId }))
    .text(label("control.button.refuse"), refuseButton.encode({ request: requestId })),
);
