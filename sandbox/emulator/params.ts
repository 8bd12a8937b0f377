import { boundaryOf, parseMultipart } from "./multipart.js";
import type { UploadedFile } from "./multipart.js";

/** A Bot API failure: `{ ok: false, error_code, description }` on the wire. */
export class ApiError extends Error {
  readonly code: number;
  readonly description: string;
  /** Telegram's `parameters`, such as `retry_after` on 429. */
  readonly parameters: { retry_after?: number } | undefined;

  constructor(code: number, description: string, parameters?: { retry_after?: number }) {
    super(description);
    this.code = code;
    this.description = description;
    this.parameters = parameters;
  }
}

export const badRequest = (detail: string): ApiError => new ApiError(400, `Bad Request: ${detail}`);

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Method parameters as Telegram accepts them: a JSON body, a form (where
 * every value is a string and objects are JSON-encoded), or the query
 * string. The getters coerce either representation.
 */
export class Params {
  private readonly values: Record<string, unknown>;
  private readonly files: Map<string, UploadedFile>;

  constructor(values: Record<string, unknown>, files = new Map<string, UploadedFile>()) {
    this.values = values;
    this.files = files;
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  optionalString(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number") return String(value);
    throw badRequest(`${name} must be a string`);
  }

  string(name: string): string {
    return this.optionalString(name) ?? missing(name);
  }

  optionalInt(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof number === "number" && Number.isInteger(number)) return number;
    throw badRequest(`${name} must be an integer`);
  }

  int(name: string): number {
    return this.optionalInt(name) ?? missing(name);
  }

  bool(name: string): boolean {
    const value = this.values[name];
    return value === true || value === "true" || value === 1 || value === "1";
  }

  /** An object parameter, given as an object or as its JSON text. */
  json(name: string): unknown {
    const value = this.values[name];
    if (typeof value !== "string") return value ?? undefined;
    if (value === "") return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(`can't parse ${name} JSON object`);
    }
  }

  /** An uploaded file (directly or via `attach://name`) or a file_id / URL string. */
  file(name: string): UploadedFile | string | undefined {
    const direct = this.files.get(name);
    if (direct) return direct;
    const value = this.optionalString(name);
    const attached = value?.match(/^attach:\/\/(.+)$/)?.[1];
    if (attached === undefined) return value;
    return this.files.get(attached) ?? missing(name);
  }

  /** The parameters for the call log, with uploads shown by name and size. */
  summary(): Record<string, unknown> {
    const summary: Record<string, unknown> = { ...this.values };
    for (const [name, file] of this.files) summary[name] = { file_name: file.filename, size: file.bytes.byteLength };
    return summary;
  }
}

function missing(name: string): never {
  throw badRequest(`${name} is required`);
}

export async function readParams(request: Request): Promise<Params> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method === "GET" || request.method === "HEAD") return new Params(query);
  const contentType = request.headers.get("content-type") ?? "";
  const boundary = boundaryOf(contentType);
  if (boundary) {
    const { fields, files } = await parseMultipart(new Uint8Array(await request.arrayBuffer()), boundary);
    return new Params({ ...query, ...fields }, files);
  }
  const text = await request.text();
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    return new Params({ ...query, ...Object.fromEntries(new URLSearchParams(text)) });
  }
  if (text.trim() === "") return new Params(query);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("can't parse request body as JSON");
  }
  if (!isObject(body)) throw badRequest("request body must be a JSON object");
  return new Params({ ...query, ...body });
}
