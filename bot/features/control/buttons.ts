import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { callbackId, callbackNumber, defineCallback } from "../../callback-data.js";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import type { Label } from "../../i18n.js";


/** An executor's item: open it, report, ask for more time, back to the list. */
export const itemButton = defineCallback("ct1", z.enum(["open", "rep", "ext", "list"]), callbackId);
/** A decision on a report (accept, return) or on a request for more time (grant, refuse). */
export const decisionButton = defineCallback("cd1", z.enum(["acc", "ret", "grant", "refuse"]), callbackId);
/** The recording flow: a source by index, an executor toggled, executors done, a due date (YYYYMMDD) taken, record. */
export const recordButton = defineCallback("cr1", z.enum(["src", "ex", "done", "due", "ok"]), callbackNumber);

export function executorKeyboard(label: Label, executorId: number, options: { report: boolean; moreTime: boolean } = { report: true, moreTime: true }): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (options.report) keyboard.text(label("control.button.report"), itemButton.encode("rep", executorId)).row();
  if (options.moreTime) keyboard.text(label("control.button.more_time"), itemButton.encode("ext", executorId)).row();
  return keyboard;
}

// Messages the core writes to the outbox carry these by name (core/control: assigned, reminder, report, request).
registerOutboxKeyboard("control.executor", (label, executorId) => executorKeyboard(label, executorId));
registerOutboxKeyboard("control.report", (label, reportId) =>
  new InlineKeyboard().text(label("control.button.accept"), decisionButton.encode("acc", reportId)).text(label("control.button.return"), decisionButton.encode("ret", reportId)),
);
registerOutboxKeyboard("control.extension", (label, requestId) =>
  new InlineKeyboard().text(label("control.button.grant"), decisionButton.encode("grant", requestId)).text(label("control.button.refuse"), decisionButton.encode("refuse", requestId)),
);
