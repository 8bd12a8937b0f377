/** The longest name kept, in characters with the extension: a name to read, not a text. */
export const FILE_NAME_MAX = 100;

/** A name with nothing left to read in it (`..`, a bare path) becomes `file.<extension>`. */
const FALLBACK_STEM = "file";

/** An extension as people write one: letters first, so `№5.2026` keeps its number. */
const EXTENSION = /\.([a-z][a-z0-9]{0,7})$/i;

/**
 * A file name safe to store and show: no folders, no control or bidi characters (a CR/LF
 * breaks the multipart header a file is sent with; a bidi override disguises `exe` as `pdf`),
 * no characters Windows refuses or that end a bare header parameter, one space between words,
 * at most FILE_NAME_MAX characters. With `extension` (from the content) the name ends in it
 * instead of whatever it claimed.
 */
export function safeFileName(given: string, extension?: string): string {
  const cleaned = given
    .normalize("NFC")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\p{Cf}/gu, "")
    .split(/[/\\]/)
    .at(-1)!
    .replace(/[:*?"<>|;]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/[\s.]+$/, "");
  const own = EXTENSION.exec(cleaned);
  const ext = (extension ?? own?.[1] ?? "").toLowerCase();
  const stem = trimName(own ? cleaned.slice(0, own.index) : cleaned);
  const room = FILE_NAME_MAX - (ext ? ext.length + 1 : 0);
  // Cut by code points, so a letter outside the BMP is never split in half.
  const short = trimName(Array.from(stem).slice(0, room).join("")) || FALLBACK_STEM;
  return ext ? `${short}.${ext}` : short;
}

/** Leading or trailing dots and spaces hide a file or confuse Windows; `..` is nothing. */
function trimName(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, "");
}
