import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import { claimDue, markRetry, markSent, markUnreachable, type OutboxPayload, type OutboxRow } from "../../core/outbox/delivery.js";
import { storedFileForSending } from "../../core/files/stored-files.js";
import type { Ctx } from "../../core/shared/context.js";
import { LANGUAGES, type Language } from "../../core/shared/roles.js";
import { translator } from "../i18n.js";
import { outboxKeyboard } from "./outbox-keyboards.js";
import { splitMessage } from "./split-message.js";

const BATCH = 20;
const IDLE_MS = 1000;

/**
 * Sends what the core wrote to the outbox: claim, render in the row's language, send, mark.
 * One message at a time, so it stays well under Telegram's per-bot rate; it does not yet pace
 * bulk sends per chat, nor reconcile a send whose outcome a crash left unknown.
 */
export function startOutboxSender(core: Ctx, api: Api): { stop(): Promise<void> } {
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      const rows = await claimDue(core, BATCH).catch((err: unknown) => {
        core.log.error({ err }, "outbox claim failed");
        return [];
      });
      for (const row of rows) {
        await deliver(core, api, row).catch((err: unknown) => core.log.error({ err, outbox: row.id }, "outbox delivery failed"));
      }
      if (rows.length < BATCH) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, IDLE_MS)));
    }
  })();
  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}

async function deliver(core: Ctx, api: Api, row: OutboxRow): Promise<void> {
  const payload = row.payload as OutboxPayload;
  const language = (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : "kk";
  const t = translator(language);
  try {
    const parts = splitMessage(t(payload.key, payload.params));
    // The buttons go under the last part, where the reader finishes.
    const keyboard = outboxKeyboard(t, payload.keyboard);
    for (const [index, part] of parts.entries()) {
      const markup = index === parts.length - 1 ? keyboard : undefined;
      await api.sendMessage(row.chatId, part, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: markup });
    }
    for (const fileId of payload.fileIds) {
      const file = await storedFileForSending(core, fileId);
      if (file) await api.sendDocument(row.chatId, new InputFile(file.path, file.fileName));
    }
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) return markUnreachable(core, row.id, error.description);
    if (error instanceof GrammyError && error.error_code === 400 && /chat not found/.test(error.description)) {
      return markUnreachable(core, row.id, error.description);
    }
    const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
    const message = error instanceof GrammyError || error instanceof HttpError ? error.message : String(error);
    core.log.warn({ outbox: row.id, attempt: row.attempts, error: message }, "outbox send failed");
    await markRetry(core, row, message, retryAfter);
    return;
  }
  // Outside the send's try: a failure to record success must not send the message again.
  await markSent(core, row.id).catch((err: unknown) => core.log.error({ err, outbox: row.id }, "outbox sent but not marked"));
}
