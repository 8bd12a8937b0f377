import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { storedFiles } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { INTAKE_LIMITS } from "./kinds.js";

/** Photo, PDF, DOC/DOCX (DESIGN §2): judged by extension and type, since either alone can lie. */
const ALLOWED: Record<string, readonly string[]> = {
  pdf: ["application/pdf"],
  doc: ["application/msword"],
  docx: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  jpg: ["image/jpeg"],
  jpeg: ["image/jpeg"],
  png: ["image/png"],
};

export interface IncomingFile {
  fileName: string;
  mimeType: string;
  size: number;
}

/** Checked before anything is downloaded, from what Telegram says of the file. */
export function checkAttachment(file: IncomingFile): void {
  const extension = file.fileName.toLowerCase().split(".").pop() ?? "";
  const types = ALLOWED[extension];
  if (!types || (file.mimeType !== "application/octet-stream" && !types.includes(file.mimeType))) {
    throw new DomainError("file_type", { name: file.fileName });
  }
  if (file.size > INTAKE_LIMITS.fileBytesMax) {
    throw new DomainError("file_too_big", { name: file.fileName, max_mb: INTAKE_LIMITS.fileBytesMax / 1024 / 1024 });
  }
}

const storedInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(200),
  telegramFileId: z.string().max(300).nullable(),
});

/** Records a file the person uploaded (its bytes already stored by hash); the same file twice is one row. */
export async function recordUpload(ctx: Ctx, actor: Actor, raw: z.input<typeof storedInput>): Promise<number> {
  const file = parseInput(storedInput, raw);
  checkAttachment(file);
  return recordStoredFile(ctx, ctx.db, actor.userId, file);
}

/** The row for stored bytes, made once per owner and content. */
export async function recordStoredFile(ctx: Ctx, db: DbOrTx, ownerUserId: number, file: z.output<typeof storedInput>): Promise<number> {
  await db
    .insert(storedFiles)
    .values({ ...file, uploadedBy: ownerUserId, createdAt: ctx.clock.now() })
    .onConflictDoNothing({ target: [storedFiles.uploadedBy, storedFiles.sha256] });
  const [row] = await db
    .select({ id: storedFiles.id })
    .from(storedFiles)
    .where(and(eq(storedFiles.uploadedBy, ownerUserId), eq(storedFiles.sha256, file.sha256)));
  return row!.id;
}
