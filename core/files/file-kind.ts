import { fileTypeFromFile } from "file-type";

/** What an upload is by its bytes: the extension its stored name takes, and its MIME type. */
export interface FileKind {
  extension: string;
  mimeType: string;
}

/** Photo, PDF, DOCX (DESIGN §2), as file-type names them; DOC is told apart below. */
const ALLOWED = new Set(["jpg", "png", "webp", "heic", "pdf", "docx"]);

/**
 * The kind of the file at `path`, told by its content, since a name or a declared type can lie;
 * undefined when it is not one citizens and staff may send.
 */
export async function fileKindOf(path: string, givenName: string): Promise<FileKind | undefined> {
  const found = await fileTypeFromFile(path);
  if (!found) return undefined;
  // An old .doc is an OLE compound file, as are spreadsheets and installers: only its name tells which.
  if (found.ext === "cfb") return /\.doc$/i.test(givenName.trim()) ? { extension: "doc", mimeType: "application/msword" } : undefined;
  return ALLOWED.has(found.ext) ? { extension: found.ext, mimeType: found.mime } : undefined;
}
