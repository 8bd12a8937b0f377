import { and, asc, eq, isNotNull } from "drizzle-orm";
import { appealEvents, appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { assertCanTouch } from "./transition.js";

export interface FullText {
  number: string;
  text: string;
  /** The applicant's supplements, oldest first, each as sent. */
  supplements: { at: Date; text: string }[];
}

/**
 * Everything the applicant wrote, whole: screens show a preview, and a reader of the appeal must be
 * able to read the rest. Whoever may open the staff card may read it; nobody else learns it exists.
 */
export async function appealFullText(ctx: Ctx, actor: Actor, appealId: number): Promise<FullText> {
  assertMayAttempt(actor, "appeal.staff_view");
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw new DomainError("appeal_not_found");
  if (appeal.restricted && !actor.clearance) throw new DomainError("clearance_required");
  assertCanTouch(actor, "appeal.staff_view", appeal);
  const supplements = await ctx.db
    .select({ at: appealEvents.at, text: appealEvents.comment })
    .from(appealEvents)
    .where(and(eq(appealEvents.appealId, appealId), eq(appealEvents.kind, "supplemented"), isNotNull(appealEvents.comment)))
    .orderBy(asc(appealEvents.id));
  return { number: appeal.number, text: appeal.text, supplements: supplements.map((s) => ({ at: s.at, text: s.text ?? "" })) };
}
