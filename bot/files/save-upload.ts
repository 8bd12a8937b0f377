import type { Document, PhotoSize } from "grammy/types";
import { checkAttachment, recordUpload } from "../../core/appeals/attachments.js";
import type { BotContext } from "../context.js";

/** What a message carries as a file: a document, or the largest size of a photo. */
export function incomingFile(ctx: BotContext): { fileId: string; fileName: string; mimeType: string; size: number } | null {
  const m = ctx.message;
  if (!m) return null;
  if (m.document) return fromDocument(m.document);
  if (m.photo?.length) return fromPhoto(m.photo[m.photo.length - 1]!);
  return null;
}

function fromDocument(d: Document) {
  return { fileId: d.file_id, fileName: d.file_name ?? "document", mimeType: d.mime_type ?? "application/octet-stream", size: d.file_size ?? 0 };
}

function fromPhoto(p: PhotoSize) {
  return { fileId: p.file_id, fileName: `photo-${p.file_unique_id}.jpg`, mimeType: "image/jpeg", size: p.file_size ?? 0 };
}

/**
 * Checks the file by what Telegram says of it, then downloads it, keeps it under FILES_DIR by its
 * SHA-256 and records it for the person. Returns the stored file's id.
 */
export async function saveUpload(ctx: BotContext, file: NonNullable<ReturnType<typeof incomingFile>>): Promise<number> {
  checkAttachment(file);
  const info = await ctx.api.getFile(file.fileId);
  const url = `${ctx.deps.apiRoot}/file/bot${ctx.deps.token}/${info.file_path}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`file download failed: ${response.status}`);
  const { sha256, size } = await ctx.deps.core.files.save(new Uint8Array(await response.arrayBuffer()));
  return recordUpload(ctx.deps.core, ctx.actor, {
    sha256,
    size,
    fileName: file.fileName,
    mimeType: file.mimeType,
    telegramFileId: file.fileId,
  });
}
