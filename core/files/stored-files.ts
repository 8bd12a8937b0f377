import { eq } from "drizzle-orm";
import { storedFiles } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { safeFileName } from "./file-name.js";

/**
 * A stored file as the sender needs it: where the bytes are, and the name to show. Names are made
 * safe when stored; rows kept before that are made safe here, so a line break cannot stop a send.
 */
export async function storedFileForSending(ctx: Ctx, id: number): Promise<{ path: string; fileName: string } | null> {
  const [row] = await ctx.db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row ? { path: ctx.files.pathOf(row.sha256), fileName: safeFileName(row.fileName) } : null;
}
