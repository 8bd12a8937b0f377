import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { appealFiles, appeals } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { can } from "../shared/permissions.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { appendEvent } from "./events.js";
import { INTAKE_LIMITS, RATINGS } from "./kinds.js";
import { checkOwnFiles } from "./register.js";
import { tellHolder } from "./holder-notice.js";
import { transition } from "./transition.js";

const idInput = z.object({ appealId: z.number().int().positive() });

/** The citizen withdraws an open appeal (DESIGN §2); the clock stops with it. */
export async function withdrawAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof idInput>) {
  const { appealId } = parseInput(idInput, raw);
  return transition(ctx, actor, { appealId, action: "withdraw", permission: "appeal.withdraw", event: "withdrawn" });
}

const supplementInput = z.object({
  appealId: z.number().int().positive(),
  text: z.string().trim().max(INTAKE_LIMITS.textMax).default(""),
  fileIds: z.array(z.number().int().positive()).max(INTAKE_LIMITS.filesMax).default([]),
});

/** More text or files for an open appeal: recorded as an event; whoever holds it is told. */
export async function supplementAppeal(ctx: Ctx, actor: Actor, raw: z.input<typeof supplementInput>) {
  const input = parseInput(supplementInput, raw);
  if (input.text === "" && input.fileIds.length === 0) throw new DomainError("supplement_empty");
  return transition(ctx, actor, {
    appealId: input.appealId,
    action: "supplement",
    permission: "appeal.supplement",
    event: "supplemented",
    comment: input.text || null,
    data: { fileIds: input.fileIds },
    within: async (tx, appeal, eventId) => {
      const now = ctx.clock.now();
      if (input.fileIds.length > 0) {
        await checkOwnFiles(tx, actor, input.fileIds);
        const [attached] = await tx.select({ n: count() }).from(appealFiles).where(eq(appealFiles.appealId, appeal.id));
        if ((attached?.n ?? 0) + input.fileIds.length > INTAKE_LIMITS.filesPerAppealMax) {
          throw new DomainError("too_many_files", { max: INTAKE_LIMITS.filesPerAppealMax });
        }
        await tx.insert(appealFiles).values(input.fileIds.map((fileId) => ({ appealId: appeal.id, fileId, addedAt: now }))).onConflictDoNothing();
      }
      if (appeal.holderUserId === null) return;
      // The whole supplement, so the holder need not open anything to read it.
      await tellHolder(ctx, tx, appeal.holderUserId, `event:${eventId}:holder`, appeal.id, "staff.notice.supplement", {
        number: appeal.number,
        text: input.text || "—",
        files: input.fileIds.length,
      });
    },
  });
}

const rateInput = z.object({ appealId: z.number().int().positive(), rating: z.enum(RATINGS) });

/** Satisfied or not with the answer; once. */
export async function rateAnswer(ctx: Ctx, actor: Actor, raw: z.input<typeof rateInput>) {
  const { appealId, rating } = parseInput(rateInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [appeal] = await tx.select().from(appeals).where(eq(appeals.id, appealId)).for("update");
    if (!appeal || !can(actor, "appeal.rate", { ownerUserId: appeal.citizenUserId })) throw new DomainError("appeal_not_found");
    if (appeal.state !== "answered") throw new DomainError("rating_needs_answer");
    if (appeal.rating !== null) throw new DomainError("already_rated");
    await tx.update(appeals).set({ rating, updatedAt: ctx.clock.now() }).where(eq(appeals.id, appealId));
    await appendEvent(ctx, tx, { appealId, actor, kind: "rated", data: { rating } });
    return rating;
  });
}
