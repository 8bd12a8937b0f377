import { captionContent, readCaption } from "./formatted-text.js";
import { asDocument, asPhoto, MAX_DOWNLOAD_BYTES, storeDocument, storePhoto } from "./files.js";
import { parseMarkup } from "./markup.js";
import { chatParam, deliver } from "./methods-common.js";
import type { MethodHandler } from "./methods-common.js";
import { ApiError, badRequest } from "./params.js";
import type { Params } from "./params.js";
import type { StoredFile } from "./records.js";
import type { SandboxState } from "./state.js";

/** Telegram's limit on what a bot may upload. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The file a send method refers to: a new upload, or a file_id already known. */
function inputFile(state: SandboxState, params: Params, field: "document" | "photo"): StoredFile {
  const input = params.file(field);
  if (input === undefined) throw badRequest(`${field} is required`);
  if (typeof input === "string") {
    const known = state.file(input);
    if (!known || (field === "photo" && known.width === undefined)) throw badRequest("wrong file identifier/HTTP URL specified");
    return known;
  }
  if (input.bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError(413, "Request Entity Too Large");
  if (field === "document") return storeDocument(state, input);
  const photo = storePhoto(state, input);
  if (!photo) throw badRequest("IMAGE_PROCESS_FAILED");
  return photo;
}

export const mediaMethods: Record<string, MethodHandler> = {
  sendDocument: ({ state, params }) => {
    const chat = chatParam(state, params);
    const document = asDocument(inputFile(state, params, "document"));
    const content = { document, ...captionContent(readCaption(params)) };
    return deliver(state, chat, content, parseMarkup(params.json("reply_markup")));
  },

  sendPhoto: ({ state, params }) => {
    const chat = chatParam(state, params);
    const photo = asPhoto(inputFile(state, params, "photo"));
    const content = { photo, ...captionContent(readCaption(params)) };
    return deliver(state, chat, content, parseMarkup(params.json("reply_markup")));
  },

  getFile: ({ state, params }) => {
    const file = state.file(params.string("file_id"));
    if (!file) throw badRequest("invalid file_id");
    if (!file.size_unknown && file.file_size > MAX_DOWNLOAD_BYTES) throw badRequest("file is too big");
    const { file_id, file_unique_id, file_size, file_path } = file;
    return { file_id, file_unique_id, ...(!file.size_unknown && { file_size }), file_path };
  },
};
