import { Dicer } from "@fastify/busboy";

/**
 * multipart/form-data as Telegram reads it. grammY writes part headers as
 * `content-disposition:form-data;name="x";filename=шешім № 5.pdf` (no spaces,
 * a bare filename that may hold spaces), which Node's `Request.formData()`
 * refuses and busboy's field parser squeezes, while Telegram keeps the name.
 * So Dicer (busboy's multipart framing) splits the parts, and only the
 * Content-Disposition parameters are read here.
 */

export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

export function boundaryOf(contentType: string): string | undefined {
  if (!/multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Uint8Array, boundary: string): Promise<MultipartBody> {
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();
  const parts: Promise<void>[] = [];
  return new Promise((resolve, reject) => {
    const dicer = new Dicer({ boundary });
    dicer.on("part", (part) => {
      let headers: Record<string, string[]> = {};
      const chunks: Buffer[] = [];
      part.on("header", (header: Record<string, string[]>) => (headers = header));
      part.on("data", (chunk: Buffer) => chunks.push(chunk));
      parts.push(
        new Promise((done) =>
          part.on("end", () => {
            keepPart(headers, Buffer.concat(chunks), fields, files);
            done();
          }),
        ),
      );
    });
    dicer.on("error", reject);
    dicer.on("finish", () => void Promise.all(parts).then(() => resolve({ fields, files })));
    dicer.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });
}

function keepPart(headers: Record<string, string[]>, content: Buffer, fields: MultipartBody["fields"], files: MultipartBody["files"]): void {
  // Dicer reads header bytes as latin1; names and filenames are sent in UTF-8.
  const disposition = Buffer.from(headers["content-disposition"]?.[0] ?? "", "latin1").toString("utf8");
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return;
  const filename = dispositionParam(disposition, "filename");
  if (filename === undefined) {
    fields[name] = content.toString("utf8");
    return;
  }
  const contentType = headers["content-type"]?.[0]?.split(";")[0]?.trim() || "application/octet-stream";
  files.set(name, { filename, contentType, bytes: new Uint8Array(content) });
}

/** A Content-Disposition parameter, quoted or bare (a bare one runs to the next `;`). */
function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"([^"]*)"|([^;\\r\\n]*))`, "i").exec(disposition);
  return match?.[1] ?? match?.[2]?.trim();
}
