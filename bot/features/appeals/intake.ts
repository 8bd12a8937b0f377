import { Composer } from "grammy";
import { myAppeal } from "../../../core/appeals/citizen-view.js";
import { answerIntake, beginIntake, cancelIntake, currentIntake, INTAKE_FLOW, type IntakeInput, type IntakeView } from "../../../core/appeals/intake.js";
import { INTAKE_LIMITS } from "../../../core/appeals/kinds.js";
import type { Receipt } from "../../../core/appeals/receipt.js";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import type { BotContext } from "../../context.js";
import { registerReask } from "../../flows/reask.js";
import { formatDate, formatDateTime } from "../../format.js";
import { joinHtml } from "../../html.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { answerCallback, send, showInPlace, stripButtons } from "../../messages.js";
import { incomingFile, saveUpload, type IncomingFile } from "../../files/save-upload.js";
import { intakeButton, intakeScreen } from "./intake-view.js";

/** Submitting an appeal in chat; the steps and rules live in core/appeals/intake.ts. */
export const intake = new Composer<BotContext>();

export async function presentIntake(ctx: BotContext, view: IntakeView, via: "edit" | "new"): Promise<void> {
  if (view.step === "registered") return showReceipt(ctx, view.receipt, view.again);
  const screen = intakeScreen(ctx, view.step, view.data, await complaintNumber(ctx, view.data.complaintOfId));
  const messageId =
    via === "edit" && view.messageId !== null
      ? await showInPlace(ctx, view.messageId, screen.text, screen.markup)
      : (await stripButtons(ctx, view.messageId), await send(ctx, screen.text, screen.markup));
  if (messageId !== view.messageId) await setFlowMessage(ctx.deps.core, ctx.actor.userId, INTAKE_FLOW, messageId);
}

async function complaintNumber(ctx: BotContext, appealId: number | undefined): Promise<string | undefined> {
  if (!appealId) return undefined;
  return (await myAppeal(ctx.deps.core, ctx.actor, { appealId })).appeal.number;
}

async function showReceipt(ctx: BotContext, receipt: Receipt, again: boolean): Promise<void> {
  const t = ctx.t;
  const text = again
    ? t("appeal.intake.already", { number: receipt.number })
    : joinHtml([
        t("appeal.intake.receipt", {
          number: receipt.number,
          received: formatDateTime(receipt.receivedAt),
          registered: formatDate(receipt.registeredOn),
          due: formatDate(receipt.dueOn),
          holder: ctx.label(`appeal.holder.${receipt.holder}`),
        }),
        ...(receipt.repeated ? [t("appeal.intake.repeated_note")] : []),
      ], "\n\n");
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, homeKeyboard(ctx));
}

/** Opens intake from the menu, or for a complaint about an answer. */
export async function startIntake(ctx: BotContext, complaintOfId?: number): Promise<void> {
  const view = await beginIntake(ctx.deps.core, ctx.actor, complaintOfId ? { complaintOfId } : {});
  await presentIntake(ctx, view, "new");
}

registerReask(INTAKE_FLOW, async (ctx) => {
  const state = await currentIntake(ctx.deps.core, ctx.actor);
  if (state) await presentIntake(ctx, state, "new");
});

intake.callbackQuery(intakeButton.pattern, async (ctx) => {
  const parsed = intakeButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, value] = parsed;
  const state = await currentIntake(ctx.deps.core, ctx.actor);
  // Only Confirm may come from an old message (a double tap after registration); all else is stale.
  if (action !== "confirm" && (!state || state.messageId !== ctx.callbackQuery.message?.message_id)) throw new DomainError("stale_button");
  if (action === "cancel") {
    await cancelIntake(ctx.deps.core, ctx.actor);
    await answerCallback(ctx);
    await showInPlace(ctx, ctx.callbackQuery.message?.message_id, ctx.t("appeal.intake.cancelled"), homeKeyboard(ctx));
    return;
  }
  const input = toInput(action, value);
  const view = await answerIntake(ctx.deps.core, ctx.actor, input);
  await answerCallback(ctx);
  await presentIntake(ctx, view, "edit");
});

function toInput(action: string, value: string): IntakeInput {
  switch (action) {
    case "type":
      return { type: "appeal_type", value } as IntakeInput;
    case "done":
      return { type: "files_done" };
    case "lang":
      return { type: "language", value } as IntakeInput;
    case "channel":
      return { type: "channel", value } as IntakeInput;
    case "edit":
      return { type: "edit", field: value } as IntakeInput;
    case "back":
      return { type: "back" };
    default:
      return { type: "confirm", draftId: value };
  }
}

intake.on("message", async (ctx, next) => {
  if (ctx.activeFlow !== INTAKE_FLOW || ctx.message.text?.startsWith("/")) return next();
  const file = incomingFile(ctx);
  if (file) return attach(ctx, file);
  if (ctx.message.text === undefined) return next();
  const view = await answerIntake(ctx.deps.core, ctx.actor, { type: "text", text: ctx.message.text });
  await presentIntake(ctx, view, "new");
});

async function attach(ctx: BotContext, file: IncomingFile): Promise<void> {
  const state = await currentIntake(ctx.deps.core, ctx.actor);
  // Refuse before downloading anything: wrong step, or the limit reached.
  if (state?.step !== "files") throw new DomainError(state?.step === "text" ? "text_before_files" : "files_not_now");
  if (state.data.fileIds.length >= INTAKE_LIMITS.filesMax) throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesMax });
  const saved = await saveUpload(ctx, file);
  const view = await answerIntake(ctx.deps.core, ctx.actor, { type: "file", fileId: saved.id });
  if (view.step !== "files") return presentIntake(ctx, view, "new");
  await stripButtons(ctx, view.messageId);
  const count = view.data.fileIds.length;
  await send(ctx, ctx.t("appeal.intake.file_added", { name: saved.fileName, count, max: INTAKE_LIMITS.filesMax }));
  await presentIntake(ctx, { ...view, messageId: null }, "new");
}

/** `/cancel` during intake drops the draft. */
export async function cancelIntakeFlow(ctx: BotContext): Promise<void> {
  const state = await currentIntake(ctx.deps.core, ctx.actor);
  await cancelIntake(ctx.deps.core, ctx.actor);
  await stripButtons(ctx, state?.messageId ?? null);
  await send(ctx, ctx.t("appeal.intake.cancelled"), homeKeyboard(ctx));
}
