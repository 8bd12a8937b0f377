import { periodAround, type Period, type PeriodKind } from "../../../core/analytics/period.js";
import type { Scope } from "../../../core/analytics/scope.js";
import { almatyDate } from "../../../core/calendar/dates.js";
import type { BotContext } from "../../context.js";

/** A statistics screen as its buttons carry it. */
export interface View {
  scope: "d" | "u" | "r";
  of: number;
  period: Exclude<PeriodKind, "range">;
  back: number;
}

export function scopeOf(view: View): Scope {
  if (view.scope === "u") return { kind: "unit", unitId: view.of };
  if (view.scope === "r") return { kind: "reviewer", userId: view.of };
  return { kind: "department" };
}

export function periodOf(ctx: BotContext, view: View): Period {
  return periodAround(view.period, almatyDate(ctx.deps.core.clock.now()), -view.back);
}
