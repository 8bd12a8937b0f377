import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, exists } from "drizzle-orm";
import { submitDraft } from "../../core/appeals/answer.js";
import { classifyAppeal } from "../../core/appeals/classify.js";
import type { Ctx } from "../../core/shared/context.js";
import { appealEvents, appeals } from "../../db/schema/index.js";
import type { SandboxUser } from "../../test/support/sandbox-user.js";
import { shown } from "../../test/support/texts.js";
import { Script, sees } from "./script.js";
import type { ChaosStaff } from "./setup.js";

const POLL_MS = 300;

export interface Desk {
  /** Approvals the Head pressed (one may be a repeat after the bot died mid-way). */
  presses(): number;
  stop(): Promise<void>;
}

/**
 * The department at work while citizens file: the registrar classifies each new appeal to the
 * reviewer and the reviewer submits a draft, both through the core as their own screens would
 * call it; the Head approves each draft in chat, through the bot that keeps being killed.
 */
export function startDesk(core: Ctx, staff: ChaosStaff, head: SandboxUser, stepMs: number): Desk {
  let stopped = false;
  let presses = 0;
  const inState = async (state: "registered" | "in_review" | "awaiting_approval") =>
    core.db.select({ id: appeals.id }).from(appeals).where(eq(appeals.state, state));
  // The registrar takes an appeal once its supplement is in, so no citizen's supplement meets a closed appeal.
  const supplemented = () =>
    core.db
      .select({ id: appeals.id })
      .from(appeals)
      .where(and(eq(appeals.state, "registered"), exists(core.db.select().from(appealEvents).where(and(eq(appealEvents.appealId, appeals.id), eq(appealEvents.kind, "supplemented"))))));

  const clerks = (async () => {
    while (!stopped) {
      for (const { id } of await supplemented()) await classifyAppeal(core, staff.registrar, { appealId: id, category: "court_proceedings", holderUserId: staff.reviewer.userId });
      for (const { id } of await inState("in_review"))
        await submitDraft(core, staff.reviewer, { appealId: id, outcome: "explained", text: "Копию решения суда выдаёт канцелярия суда по заявлению стороны дела." });
      await sleep(POLL_MS);
    }
  })();

  const approve = shown("ru", "staff.approval.approve");
  const s = new Script(head, stepMs);
  const chair = (async () => {
    while (!stopped) {
      if ((await inState("awaiting_approval")).length === 0) {
        await sleep(POLL_MS);
        continue;
      }
      // The Head keeps at it: a screen that did not come is asked for again, never given up on.
      const screen = await s.step("approvals", (u) => u.send("/approvals"), sees.any(sees.button(approve), sees.text(shown("ru", "staff.approval.empty")))).catch(() => undefined);
      if (!screen || !sees.button(approve)(screen, head.lastAction)) continue;
      presses++;
      await s.tap("approve", approve, sees.any(sees.text(/ЖБ-\d{4}-\d{6}/), sees.text(shown("ru", "staff.approval.empty")))).catch(() => undefined);
    }
  })();

  return {
    presses: () => presses,
    async stop() {
      stopped = true;
      await Promise.all([clerks, chair]);
    },
  };
}
