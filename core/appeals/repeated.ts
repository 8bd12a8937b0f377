import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.js";
import { appeals } from "../../db/schema/index.js";
import { REPEAT_SIMILARITY, similarity, subjectKey } from "./subject.js";

/**
 * An answered appeal of the same person on the same subject, if any (DESIGN §2). It only flags
 * the new appeal for the registrar: refusing to accept it is prohibited.
 */
export async function findRepeatedOf(db: DbOrTx, citizenUserId: number, text: string): Promise<{ id: number | null; subjectKey: string }> {
  const key = subjectKey(text);
  const answered = await db
    .select({ id: appeals.id, subjectKey: appeals.subjectKey })
    .from(appeals)
    .where(and(eq(appeals.citizenUserId, citizenUserId), eq(appeals.state, "answered")));
  const match = answered.find((a) => similarity(a.subjectKey, key) >= REPEAT_SIMILARITY);
  return { id: match?.id ?? null, subjectKey: key };
}
