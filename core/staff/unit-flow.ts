import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan, assertMayAttempt } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { addUnit, type Unit } from "./units.js";

/** An administrator adds a forwarding target in chat: its kind, then its name in Kazakh and in Russian. */
export const UNIT_FLOW = "unit_add";

const KINDS = ["ja_unit", "external_body"] as const;
const stateSchema = z.object({
  step: z.enum(["name_kk", "name_ru"]),
  data: z.object({ kind: z.enum(KINDS), nameKk: z.string().optional() }),
});

export async function beginUnitAdd(ctx: Ctx, actor: Actor, kind: string): Promise<void> {
  assertCan(actor, "units.manage");
  const parsed = z.enum(KINDS).safeParse(kind);
  if (!parsed.success) throw new DomainError("stale_button");
  await saveFlow(ctx, ctx.db, actor.userId, UNIT_FLOW, { step: "name_kk", data: { kind: parsed.data } });
}

export async function currentUnitAdd(ctx: Ctx, actor: Actor) {
  assertMayAttempt(actor, "units.manage");
  return loadFlow(ctx, ctx.db, actor.userId, UNIT_FLOW, stateSchema);
}

/** Takes the next name; after the Russian one the unit is added, under a code made from the clock. */
export async function unitAddName(ctx: Ctx, actor: Actor, typed: string): Promise<Unit | null> {
  const state = await currentUnitAdd(ctx, actor);
  if (!state) throw new DomainError("stale_button");
  const name = typed.trim();
  if (name.length < 2 || name.length > 300) throw new DomainError("unit_name_length", { min: 2, max: 300 });
  if (state.step === "name_kk") {
    await saveFlow(ctx, ctx.db, actor.userId, UNIT_FLOW, { step: "name_ru", data: { ...state.data, nameKk: name } });
    return null;
  }
  const prefix = state.data.kind === "ja_unit" ? "ja" : "body";
  const code = `${prefix}_${ctx.clock.now().getTime().toString(36)}`;
  const unit = await addUnit(ctx, actor, { code, kind: state.data.kind, nameKk: state.data.nameKk ?? name, nameRu: name });
  await clearFlow(ctx.db, actor.userId, UNIT_FLOW);
  return unit;
}
