import { Composer, InlineKeyboard } from "grammy";
import { setFlowMessage } from "../../../core/flows/store.js";
import { DomainError } from "../../../core/shared/errors.js";
import { assertCan } from "../../../core/shared/permissions.js";
import { STAFF_ROLES } from "../../../core/shared/roles.js";
import { deactivateStaff } from "../../../core/staff/deactivate.js";
import { createInvite } from "../../../core/staff/invites.js";
import { activeStaff } from "../../../core/staff/roster.js";
import { beginUnitAdd, UNIT_FLOW, unitAddName } from "../../../core/staff/unit-flow.js";
import { listUnits, unitName } from "../../../core/staff/units.js";
import type { BotContext } from "../../context.js";
import { type Html } from "../../html.js";
import { formatDateTime } from "../../format.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import { ADDABLE, adminButton, back, home, inviteUnitList, staffList, unitsList } from "./admin-view.js";

/**
 * The administrator's menu in chat (DESIGN §1): units and state bodies, staff (deactivate), and
 * invites. Every step is re-checked by the core, so the menu shown to anyone else does nothing.
 */
export const adminMenu = new Composer<BotContext>();

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
  if (action === "units" || action === "staff") {
    await (action === "units" ? unitsList : staffList).show(ctx, {}, messageId);
    return answerCallback(ctx);
  }
  if (action === "add") {
    await beginUnitAdd(core, ctx.actor, ADDABLE[n] ?? "");
    const asked = await show(ctx.t("staff.admin.ask_name_kk"));
    return setFlowMessage(core, ctx.actor.userId, UNIT_FLOW, asked);
  }
  if (action === "who") {
    const person = (await activeStaff(core, ctx.actor)).find((s) => s.userId === n);
    if (!person) throw new DomainError("staff_not_found");
    const keyboard = new InlineKeyboard().text(ctx.label("staff.admin.deactivate"), adminButton.encode("off", n, 0));
    return void (await show(ctx.t("staff.admin.confirm_deactivate", { name: person.name, role: ctx.label(`staff.roles.${person.role}`) }), back(ctx, keyboard)));
  }
  if (action === "off") {
    const { returned, telegramId } = await deactivateStaff(core, ctx.actor, { userId: n });
    // The access has ended either way; a chat Telegram no longer has (a blocked bot) keeps a menu that does nothing.
    await ctx.api.deleteMyCommands({ scope: { type: "chat", chat_id: telegramId } }).catch((error: unknown) => core.log.warn({ err: error, userId: n }, "staff command menu not removed"));
    return void (await show(ctx.t("staff.admin.deactivated", { count: returned.length, numbers: returned.join(", ") || "—" }), back(ctx)));
  }
  if (action === "inv") {
    assertCan(ctx.actor, "staff.invite");
    const keyboard = new InlineKeyboard();
    STAFF_ROLES.forEach((role, index) => keyboard.text(ctx.label(`staff.roles.${role}`), adminButton.encode("ir", index, 0)).row());
    return void (await show(ctx.t("staff.admin.choose_role"), back(ctx, keyboard)));
  }
  if (action === "ir") {
    await inviteUnitList.show(ctx, { args: [n, 0] }, messageId);
    return answerCallback(ctx);
  }
  const staffUnits = (await listUnits(core, ctx.actor)).filter((u) => u.active && u.kind !== "external_body");
  const role = STAFF_ROLES[n];
  if (!role) throw new DomainError("stale_button");
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

adminMenu.on("message:text", async (ctx, next) => {
  if (ctx.activeFlow !== UNIT_FLOW || ctx.message.text.startsWith("/")) return next();
  const unit = await unitAddName(ctx.deps.core, ctx.actor, ctx.message.text);
  if (!unit) {
    const asked = await send(ctx, ctx.t("staff.admin.ask_name_ru"));
    return setFlowMessage(ctx.deps.core, ctx.actor.userId, UNIT_FLOW, asked);
  }
  await send(ctx, ctx.t("staff.admin.unit_added", { name: unitName(unit, ctx.actor.language), kind: ctx.label(`staff.unit_kind.${unit.kind}`) }), home(ctx));
});
