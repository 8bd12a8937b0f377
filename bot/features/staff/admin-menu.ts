import { Composer, InlineKeyboard } from "grammy";
import { z } from "zod";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { assertCan } from "../../../core/shared/permissions.js";
import { STAFF_ROLES } from "../../../core/shared/roles.js";
import { deactivateStaff } from "../../../core/staff/deactivate.js";
import { createInvite } from "../../../core/staff/invites.js";
import { activeStaff } from "../../../core/staff/roster.js";
import { beginUnitAdd, UNIT_FLOW, unitAddName } from "../../../core/staff/unit-flow.js";
import { listUnits, unitName } from "../../../core/staff/units.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../html.js";
import { formatDateTime } from "../../format.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { undeliveredButton, undeliveredScreen } from "./undelivered.js";

/**
 * The administrator's menu in chat (DESIGN §1): units and state bodies, staff (deactivate), invites,
 * and undelivered messages. Every step is re-checked by the core, so the menu shown to anyone else does nothing.
 */
export const adminMenu = new Composer<BotContext>();

const ACTIONS = ["home", "units", "add", "staff", "who", "off", "inv", "ir", "iu", "ic"] as const;
/** n and m: a kind, role or person, and a unit or the clearance flag, depending on the action. */
const adminButton = defineCallback("ad1", z.enum(ACTIONS), z.coerce.number().int().min(0), z.coerce.number().int().min(0));
const ADDABLE = ["ja_unit", "external_body"] as const;

function home(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.label("staff.admin.units"), adminButton.encode("units", 0, 0)).row()
    .text(ctx.label("staff.admin.staff"), adminButton.encode("staff", 0, 0)).row()
    .text(ctx.label("staff.admin.invite"), adminButton.encode("inv", 0, 0)).row()
    .text(ctx.label("staff.admin.undelivered"), undeliveredButton.encode("list", 0));
}

const back = (ctx: BotContext, keyboard = new InlineKeyboard()) => keyboard.row().text(ctx.label("common.back"), adminButton.encode("home", 0, 0));

adminMenu.command("admin", async (ctx) => {
  assertCan(ctx.actor, "units.manage");
  await send(ctx, ctx.t("staff.admin.title"), home(ctx));
});

adminMenu.callbackQuery(adminButton.pattern, async (ctx) => {
  const parsed = adminButton.parse(ctx.callbackQuery.data);
  if (!parsed) throw new DomainError("stale_button");
  const [action, n, m] = parsed;
  const core = ctx.deps.core;
  const messageId = ctx.callbackQuery.message?.message_id;
  const language = ctx.actor.language;
  const show = async (text: Html, keyboard?: InlineKeyboard) => {
    await answerCallback(ctx);
    return showInPlace(ctx, messageId, text, keyboard);
  };

  if (action === "home") {
    assertCan(ctx.actor, "units.manage");
    return void (await show(ctx.t("staff.admin.title"), home(ctx)));
  }
  if (action === "units") {
    const rows = (await listUnits(core, ctx.actor)).map((u) => ctx.t("staff.admin.unit_line", { kind: ctx.label(`staff.unit_kind.${u.kind}`), name: unitName(u, language), off: u.active ? "" : ctx.label("staff.admin.inactive") }));
    const keyboard = new InlineKeyboard();
    ADDABLE.forEach((kind, index) => keyboard.text(ctx.label(`staff.admin.add_${kind}`), adminButton.encode("add", index, 0)).row());
    return void (await show(joinHtml([ctx.t("staff.admin.units_title"), ...rows]), back(ctx, keyboard)));
  }
  if (action === "add") {
    await beginUnitAdd(core, ctx.actor, ADDABLE[n] ?? "");
    const asked = await show(ctx.t("staff.admin.ask_name_kk"));
    return setFlowMessage(core, ctx.actor.userId, UNIT_FLOW, asked);
  }
  if (action === "staff" || action === "who") {
    const staff = await activeStaff(core, ctx.actor);
    if (action === "who") {
      const person = staff.find((s) => s.userId === n);
      if (!person) throw new DomainError("staff_not_found");
      const keyboard = new InlineKeyboard().text(ctx.label("staff.admin.deactivate"), adminButton.encode("off", n, 0));
      return void (await show(ctx.t("staff.admin.confirm_deactivate", { name: person.name, role: ctx.label(`staff.roles.${person.role}`) }), back(ctx, keyboard)));
    }
    const keyboard = new InlineKeyboard();
    for (const s of staff) keyboard.text(`${s.name} · ${ctx.label(`staff.roles.${s.role}`)}`, adminButton.encode("who", s.userId, 0)).row();
    return void (await show(ctx.t("staff.admin.staff_title", { count: staff.length }), back(ctx, keyboard)));
  }
  if (action === "off") {
    const { returned, telegramId } = await deactivateStaff(core, ctx.actor, { userId: n });
    await ctx.api.deleteMyCommands({ scope: { type: "chat", chat_id: telegramId } });
    return void (await show(ctx.t("staff.admin.deactivated", { count: returned.length, numbers: returned.join(", ") || "—" }), back(ctx)));
  }
  if (action === "inv") {
    assertCan(ctx.actor, "staff.invite");
    const keyboard = new InlineKeyboard();
    STAFF_ROLES.forEach((role, index) => keyboard.text(ctx.label(`staff.roles.${role}`), adminButton.encode("ir", index, 0)).row());
    return void (await show(ctx.t("staff.admin.choose_role"), back(ctx, keyboard)));
  }
  const role = STAFF_ROLES[n];
  if (!role) throw new DomainError("stale_button");
  const staffUnits = (await listUnits(core, ctx.actor)).filter((u) => u.active && u.kind !== "external_body");
  if (action === "ir") {
    const keyboard = new InlineKeyboard();
    for (const u of staffUnits) keyboard.text(unitName(u, language), adminButton.encode("iu", n, u.id)).row();
    return void (await show(ctx.t("staff.admin.choose_unit", { role: ctx.label(`staff.roles.${role}`) }), back(ctx, keyboard)));
  }
  const unit = staffUnits.find((u) => u.id === (action === "iu" ? m : Math.floor(m / 2)));
  if (!unit) throw new DomainError("stale_button");
  if (action === "iu") {
    // m carries the unit and the clearance choice together: unit * 2 + (cleared ? 1 : 0).
    const keyboard = new InlineKeyboard()
      .text(ctx.label("staff.admin.create"), adminButton.encode("ic", n, unit.id * 2)).row()
      .text(ctx.label("staff.admin.create_cleared"), adminButton.encode("ic", n, unit.id * 2 + 1));
    return void (await show(ctx.t("staff.admin.confirm_invite", { role: ctx.label(`staff.roles.${role}`), unit: unitName(unit, language) }), back(ctx, keyboard)));
  }
  const invite = await createInvite(core, ctx.actor, { role, unitCode: unit.code, clearance: m % 2 === 1 });
  await show(
    ctx.t("staff.admin.invite_created", {
      code: invite.code,
      link: `https://t.me/${ctx.me.username}?start=join_${invite.code}`,
      role: ctx.label(`staff.roles.${role}`),
      unit: unitName(unit, language),
      expires: formatDateTime(invite.expiresAt),
    }),
    back(ctx),
  );
});

adminMenu.use(undeliveredScreen(adminButton.encode("home", 0, 0)));

adminMenu.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== UNIT_FLOW || ctx.message.text.startsWith("/")) return next();
  const unit = await unitAddName(ctx.deps.core, ctx.actor, ctx.message.text);
  if (!unit) {
    const asked = await send(ctx, ctx.t("staff.admin.ask_name_ru"));
    return setFlowMessage(ctx.deps.core, ctx.actor.userId, UNIT_FLOW, asked);
  }
  await send(ctx, ctx.t("staff.admin.unit_added", { name: unitName(unit, ctx.actor.language), kind: ctx.label(`staff.unit_kind.${unit.kind}`) }), home(ctx));
});
