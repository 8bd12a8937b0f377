import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { GrammyError } from "grammy";
import type { Document, PhotoSize } from "grammy/types";
import { checkDeclaredSize, fileTooBig, receiveUpload } from "../../core/appeals/attachments.js";
import type { BotContext } from "../context.js";

/** A file a message carries; `size` is what Telegram says of it, and Telegram may say nothing. */
export interface IncomingFile {
  fileId: string;
  fileName: string;
  size: number | undefined;
}

/** What a message carries as a file: a document, or the largest size of a photo. */
export function incomingFile(ctx: BotContext): IncomingFile | null {
  const m = ctx.message;
  if (!m) return null;
  if (m.document) return fromDocument(m.document);
  if (m.photo?.length) return fromPhoto(m.photo[m.photo.length - 1]!);
  return null;
}

function fromDocument(d: Document): IncomingFile {
  return { fileId: d.file_id, fileName: d.file_name ?? "", size: d.file_size };
}

function fromPhoto(p: PhotoSize): IncomingFile {
  return { fileId: p.file_id, fileName: `photo-${p.file_unique_id}.jpg`, size: p.file_size };
}

/**
 * Refuses by the size Telegram gives before downloading, then streams the bytes to core, which
 * checks what they are and keeps them by SHA-256. Returns the stored file's id and its safe name.
 */
export async function saveUpload(ctx: BotContext, file: IncomingFile): Promise<{ id: number; fileName: string }> {
  checkDeclaredSize(file.fileName, file.size);
  const info = await ctx.api.getFile(file.fileId).catch((error: unknown) => {
    // Telegram hands no bot a file over 20 MB, even when the message did not say its size.
    throw error instanceof GrammyError && /too big/i.test(error.description) ? fileTooBig(file.fileName) : error;
  });
  checkDeclaredSize(file.fileName, info.file_size);
  const response = await fetch(`${ctx.deps.apiRoot}/file/bot${ctx.deps.token}/${info.file_path}`);
  if (!response.ok || !response.body) throw new Error(`file download failed: ${response.status}`);
  return receiveUpload(ctx.deps.core, ctx.actor, {
    source: Readable.fromWeb(response.body as NodeWebStream<Uint8Array>),
    fileName: file.fileName,
    telegramFileId: file.fileId,
  });
}
