import { imageSize, mimeTypeOf } from "./media.js";
import type { UploadedFile } from "./multipart.js";
import type { SandboxState } from "./state.js";
import type { StoredFile } from "./records.js";
import type { TgDocument, TgPhotoSize } from "./types.js";

/** Telegram's limit on what a bot may download with getFile. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** Stores an upload as a photo when it is a readable image, else undefined. */
export function storePhoto(state: SandboxState, upload: UploadedFile): StoredFile | undefined {
  const size = imageSize(upload.bytes);
  if (!size) return undefined;
  return state.storeFile("photos", {
    file_name: upload.filename,
    mime_type: mimeTypeOf(upload.filename, upload.contentType),
    file_size: upload.bytes.byteLength,
    bytes: upload.bytes,
    ...size,
  });
}

export function storeDocument(state: SandboxState, upload: UploadedFile): StoredFile {
  return state.storeFile("documents", {
    file_name: upload.filename,
    mime_type: mimeTypeOf(upload.filename, upload.contentType),
    file_size: upload.bytes.byteLength,
    bytes: upload.bytes,
  });
}

export function asDocument(file: StoredFile): TgDocument {
  const { file_id, file_unique_id, file_name, mime_type, file_size } = file;
  return { file_id, file_unique_id, ...(file_name !== undefined && { file_name }), mime_type, ...(!file.size_unknown && { file_size }) };
}

/** Telegram offers several sizes of a photo; the sandbox keeps just the original. */
export function asPhoto(file: StoredFile): TgPhotoSize[] {
  const { file_id, file_unique_id, file_size, width = 0, height = 0 } = file;
  return [{ file_id, file_unique_id, width, height, file_size }];
}

/** The stored bytes, or zeros for a file whose size was only declared. */
export function fileBytes(file: StoredFile): Uint8Array<ArrayBuffer> {
  return file.bytes ?? new Uint8Array(file.file_size);
}
