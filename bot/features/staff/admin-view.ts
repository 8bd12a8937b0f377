import { InlineKeyboard } from "grammy";
import { STAFF_ROLES, type Role } from "../../../core/shared/roles.js";
import { activeStaff } from "../../../core/staff/roster.js";
import { ADDABLE_KINDS } from "../../../core/staff/unit-flow.js";
import { listUnits, unitName } from "../../../core/staff/units.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { undeliveredButton } from "./undelivered.js";
import { definePicker } from "../../keyboards/picker.js";

/** The administrator's menu buttons, declared together: each screen of the menu is one action. */
export const adminButtons = defineButtons("ad", 2);
// STAFF_ROLES is never empty; the codec wants that said.
const role = field.choice(...(STAFF_ROLES as [Role, ...Role[]]));

export const homeButton = adminButtons.action("home", {});
export const unitsButton = adminButtons.action("units", {});
export const staffButton = adminButtons.action("staff", {});
export const inviteButton = adminButtons.action("inv", {});
/** Add a JA unit or a state body: the flow asking its names begins. */
export const addUnitButton = adminButtons.action("add", { kind: field.choice(...ADDABLE_KINDS) });
/** A person on the staff list, and ending their access. */
export const personButton = adminButtons.action("who", { user: field.id });
export const deactivateButton = adminButtons.action("off", { user: field.id });
/** An invite: the role, then the unit, then with or without clearance. */
export const inviteRoleButton = adminButtons.action("ir", { role });
export const inviteUnitButton = adminButtons.action("iu", { role, unit: field.id });
export const createInviteButton = adminButtons.action("ic", { role, unit: field.id, cleared: field.flag });

export function home(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("staff.admin.units"), unitsButton.encode({})).row()
    .text(ctx.label("staff.admin.staff"), staffButton.encode({})).row()
    .text(ctx.label("staff.admin.invite"), inviteButton.encode({})).row()
    .text(ctx.label("staff.admin.undelivered"), undeliveredButton.encode({}));
}

export const back = (ctx: BotContext, keyboard = new InlineKeyboard()) => keyboard.row().text(ctx.label("common.back"), homeButton.encode({}));

/** Active staff, each a button to end their access. */
export const staffList = definePicker({
  prefix: "ads",
  args: {},
  items: async (ctx) => (await activeStaff(ctx.deps.core, ctx.actor)).map((s) => ({ id: s.userId, label: `${s.name} · ${ctx.label(`staff.roles.${s.role}`)}` })),
  title: (ctx, _args, _input, items) => ctx.t("staff.admin.staff_title", { count: items.length }),
  pick: (userId) => personButton.encode({ user: userId }),
  footer: (ctx, keyboard) => void back(ctx, keyboard),
});

/** Units and state bodies as lines, with the buttons that add one. */
export const unitsList = definePicker({
  prefix: "adu",
  args: {},
  items: async (ctx) =>
    (await listUnits(ctx.deps.core, ctx.actor)).map((u) => ({
      id: u.id,
      label: unitName(u, ctx.actor.language),
      line: ctx.t("staff.admin.unit_line", { kind: ctx.label(`staff.unit_kind.${u.kind}`), name: unitName(u, ctx.actor.language), off: u.active ? "" : ctx.label("staff.admin.inactive") }),
    })),
  title: (ctx) => ctx.t("staff.admin.units_title"),
  footer(ctx, keyboard) {
    for (const kind of ADDABLE_KINDS) keyboard.text(ctx.label(`staff.admin.add_${kind}`), addUnitButton.encode({ kind })).row();
    back(ctx, keyboard);
  },
});

/** The units an invite for the role may be for: those with staff of their own. */
export const inviteUnitList = definePicker({
  prefix: "adi",
  args: { role },
  items: async (ctx) =>
    (await listUnits(ctx.deps.core, ctx.actor)).filter((u) => u.active && u.kind !== "external_body").map((u) => ({ id: u.id, label: unitName(u, ctx.actor.language) })),
  title: (ctx, args) => ctx.t("staff.admin.choose_unit", { role: ctx.label(`staff.roles.${args.role}`) }),
  pick: (unit, args) => inviteUnitButton.encode({ role: args.role, unit }),
  footer: (ctx, keyboard) => void back(ctx, keyboard),
});
