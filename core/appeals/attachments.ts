import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { storedFiles } from "../../db/schema/index.js";
import { fileKindOf } from "../files/file-kind.js";
import { safeFileName } from "../files/file-name.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { INTAKE_LIMITS } from "./kinds.js";

const MAX_MB = INTAKE_LIMITS.fileBytesMax / 1024 / 1024;

/** Refuses before anything is downloaded, when Telegram gives a size that cannot do. */
export function checkDeclaredSize(fileName: string, size: number | undefined): void {
  if (size === 0) throw new DomainError("file_empty", { name: safeFileName(fileName) });
  if (size !== undefined && size > INTAKE_LIMITS.fileBytesMax) throw fileTooBig(fileName);
}

export function fileTooBig(fileName: string): DomainError {
  return new DomainError("file_too_big", { name: safeFileName(fileName), max_mb: MAX_MB });
}

export interface Upload {
  /** The bytes as they come; read only up to the size limit and one byte more. */
  source: AsyncIterable<Uint8Array>;
  fileName: string;
  telegramFileId: string | null;
}

/**
 * Takes an upload in: its bytes to a temporary file, then checked by what they are (DESIGN §2:
 * photo, PDF, DOC/DOCX, up to 20 MB, not empty), kept under their SHA-256 and recorded for the
 * person with a safe name whose extension follows the content. A refused file leaves no bytes.
 */
export async function receiveUpload(ctx: Ctx, actor: Actor, upload: Upload): Promise<{ id: number; fileName: string }> {
  const shownName = safeFileName(upload.fileName);
  const received = await ctx.files.receive(upload.source, INTAKE_LIMITS.fileBytesMax);
  if (received === "too_large") throw fileTooBig(upload.fileName);
  let kept = false;
  try {
    if (received.size === 0) throw new DomainError("file_empty", { name: shownName });
    const kind = await fileKindOf(received.tempPath, upload.fileName);
    if (!kind) throw new DomainError("file_type", { name: shownName });
    const fileName = safeFileName(upload.fileName, kind.extension);
    await ctx.files.keep(received);
    kept = true;
    const id = await recordUpload(ctx, actor, { sha256: received.sha256, size: received.size, fileName, mimeType: kind.mimeType, telegramFileId: upload.telegramFileId });
    return { id, fileName };
  } finally {
    if (!kept) await ctx.files.discard(received);
  }
}

const storedInput = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  // Whoever records a file, the name kept is one that is safe to show and send.
  fileName: z.string().transform((name) => safeFileName(name)),
  mimeType: z.string().min(1).max(200),
  telegramFileId: z.string().max(300).nullable(),
});

/** Records a file the person uploaded (its bytes already stored by hash); the same file twice is one row. */
export async function recordUpload(ctx: Ctx, actor: Actor, raw: z.input<typeof storedInput>): Promise<number> {
  return recordStoredFile(ctx, ctx.db, actor.userId, parseInput(storedInput, raw));
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
