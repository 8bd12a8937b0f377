import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { DomainError } from "../../../core/shared/errors.js";
import { STAFF_ROLES } from "../../../core/shared/roles.js";
import { activeStaff } from "../../../core/staff/roster.js";
import { listUnits, unitName } from "../../../core/staff/units.js";
import { callbackNumber, defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { definePicker } from "../../keyboards/picker.js";

const ACTIONS = ["home", "units", "add", "staff", "who", "off", "inv", "ir", "iu", "ic"] as const;
/** n and m: a kind, role or person, and a unit or the clearance flag, depending on the action. */
export const adminButton = defineCallback("ad1", z.enum(ACTIONS), callbackNumber, callbackNumber);
export const ADDABLE = ["ja_unit", "external_body"] as const;

export function home(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("staff.admin.units"), adminButton.encode("units", 0, 0)).row()
    .text(ctx.label("staff.admin.staff"), adminButton.encode("staff", 0, 0)).row()
    .text(ctx.label("staff.admin.invite"), adminButton.encode("inv", 0, 0));
}

export const back = (ctx: BotContext, keyboard = new InlineKeyboard()) => keyboard.row().text(ctx.label("common.back"), adminButton.encode("home", 0, 0));

/** Active staff, each a button to end their access. */
export const staffList = definePicker({
  prefix: "ads1",
  items: async (ctx) => (await activeStaff(ctx.deps.core, ctx.actor)).map((s) => ({ id: s.userId, label: `${s.name} · ${ctx.label(`staff.roles.${s.role}`)}` })),
  title: (ctx, _args, _input, items) => ctx.t("staff.admin.staff_title", { count: items.length }),
  pick: (userId) => adminButton.encode("who", userId, 0),
  footer: (ctx, keyboard) => void back(ctx, keyboard),
});

/** Units and state bodies as lines, with the buttons that add one. */
export const unitsList = definePicker({
  prefix: "adu1",
  items: async (ctx) =>
    (await listUnits(ctx.deps.core, ctx.actor)).map((u) => ({
      id: u.id,
      label: unitName(u, ctx.actor.language),
      line: ctx.t("staff.admin.unit_line", { kind: ctx.label(`staff.unit_kind.${u.kind}`), name: unitName(u, ctx.actor.language), off: u.active ? "" : ctx.label("staff.admin.inactive") }),
    })),
  title: (ctx) => ctx.t("staff.admin.units_title"),
  footer(ctx, keyboard) {
    ADDABLE.forEach((kind, index) => keyboard.text(ctx.label(`staff.admin.add_${kind}`), adminButton.encode("add", index, 0)).row());
    back(ctx, keyboard);
  },
});

/** The units an invite may be for (args: the role's index), those with staff of their own. */
export const inviteUnitList = definePicker({
  prefix: "adi1",
  items: async (ctx) =>
    (await listUnits(ctx.deps.core, ctx.actor)).filter((u) => u.active && u.kind !== "external_body").map((u) => ({ id: u.id, label: unitName(u, ctx.actor.language) })),
  title(ctx, [roleIndex]) {
    const role = STAFF_ROLES[roleIndex];
    if (!role) throw new DomainError("stale_button");
    return ctx.t("staff.admin.choose_unit", { role: ctx.label(`staff.roles.${role}`) });
  },
  pick: (unitId, [roleIndex]) => adminButton.encode("iu", roleIndex, unitId),
  footer: (ctx, keyboard) => void back(ctx, keyboard),
});
