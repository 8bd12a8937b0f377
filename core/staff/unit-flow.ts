import { z } from "zod";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { addUnit, type Unit } from "./units.js";

/** What an administrator may add in chat: forwarding targets, inside the Judicial Administration or outside it. */
export const ADDABLE_KINDS = ["ja_unit", "external_body"] as const;
const unitData = z.object({ kind: z.enum(ADDABLE_KINDS), nameKk: z.string().optional() });

/** An administrator adds a forwarding target in chat: its kind, then its name in Kazakh and in Russian. */
export const unitFlow = defineFlow({ name: "unit_add", permission: "units.manage", steps: ["name_kk", "name_ru"] as const, data: unitData });
type UnitState = FlowState<(typeof unitFlow.steps)[number], z.infer<typeof unitData>>;

export async function beginUnitAdd(ctx: Ctx, actor: Actor, kind: string): Promise<UnitState> {
  assertCan(actor, "units.manage");
  const parsed = z.enum(ADDABLE_KINDS).safeParse(kind);
  if (!parsed.success) throw new DomainError("stale_button");
  return unitFlow.start(ctx, actor, { step: "name_kk", data: { kind: parsed.data } });
}

/**
 * Takes the next name: after the Kazakh one, the flow asks for the Russian (`state`); after the
 * Russian one the unit is added, under a code made from the clock (`unit`).
 */
export async function unitAddName(ctx: Ctx, actor: Actor, typed: string): Promise<{ state: UnitState | null; unit: Unit | null }> {
  const name = typed.trim();
  if (name.length < 2 || name.length > 300) throw new DomainError("unit_name_length", { min: 2, max: 300 });
  const { state, result } = await unitFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    if (step === "name_kk") return { next: { step: "name_ru", data: { ...data, nameKk: name } }, result: null };
    const prefix = data.kind === "ja_unit" ? "ja" : "body";
    const code = `${prefix}_${ctx.clock.now().getTime().toString(36)}`;
    return { next: null, result: await addUnit(inTx, actor, { code, kind: data.kind, nameKk: data.nameKk ?? name, nameRu: name }) };
  });
  return { state, unit: result };
}
