/**
 * A lenient multipart/form-data reader. grammY writes part headers as
 * `content-disposition:form-data;name="x";filename=y.pdf` (no spaces, bare
 * filename), which Node's own `Request.formData()` refuses, while Telegram
 * accepts it; browsers write the usual quoted form. Both are read here.
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
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Uint8Array, boundary: string): MultipartBody {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();

  let cursor = buffer.indexOf(delimiter);
  while (cursor !== -1) {
    const partStart = cursor + delimiter.length;
    if (buffer.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = buffer.indexOf(delimiter, partStart);
    if (next === -1) break;
    // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
    const part = buffer.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const content = part.subarray(headerEnd + 4);
      const name = headerParam(headers, "name");
      const filename = headerParam(headers, "filename");
      if (name !== undefined && filename !== undefined) {
        const contentType = /^content-type:\s*([^\r\n;]+)/im.exec(headers)?.[1]?.trim() ?? "application/octet-stream";
        files.set(name, { filename, contentType, bytes: new Uint8Array(content) });
      } else if (name !== undefined) {
        fields[name] = content.toString("utf8");
      }
    }
    cursor = next;
  }
  return { fields, files };
}

/** A parameter of the Content-Disposition header, quoted or bare. */
function headerParam(headers: string, param: string): string | undefined {
  const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
  const match = new RegExp(`(?:^|;)\\s*${param}=(?:"([^"]*)"|([^;\\r\\n]*))`, "i").exec(disposition);
  return match?.[1] ?? match?.[2]?.trim();
}
