import { Composer, InlineKeyboard } from "grammy";
import { DomainError } from "../../../core/shared/errors.js";
import { assertCan } from "../../../core/shared/permissions.js";
import { STAFF_ROLES, type Role } from "../../../core/shared/roles.js";
import { deactivateStaff } from "../../../core/staff/deactivate.js";
import { createInvite } from "../../../core/staff/invites.js";
import { activeStaff } from "../../../core/staff/roster.js";
import { beginUnitAdd, unitAddName, unitFlow } from "../../../core/staff/unit-flow.js";
import { listUnits, unitName, type Unit } from "../../../core/staff/units.js";
import { onPress } from "../../buttons/on-press.js";
import type { BotContext } from "../../context.js";
import { defineChatFlow } from "../../flows/chat-flow.js";
import { formatDateTime } from "../../../locales/format.js";
import type { Html } from "../../../locales/html.js";
import { answerCallback, send, showInPlace } from "../../messages.js";
import {
  addUnitButton,
  adminButtons,
  back,
  createInviteButton,
  deactivateButton,
  home,
  homeButton,
  inviteButton,
  inviteRoleButton,
  inviteUnitButton,
  inviteUnitList,
  personButton,
  staffButton,
  staffList,
  unitsButton,
  unitsList,
} from "./admin-view.js";
import { undeliveredScreen } from "./undelivered.js";

/**
 * The administrator's menu in chat (DESIGN §1): units and state bodies, staff (deactivate), invites,
 * and undelivered messages. Every step is re-checked by the core, so the menu shown to anyone else does nothing.
 */
export const adminMenu = new Composer<BotContext>();

/** The menu's screens replace one another in the message whose button was pressed. */
async function show(ctx: BotContext, text: Html, keyboard?: InlineKeyboard): Promise<void> {
  await answerCallback(ctx);
  await showInPlace(ctx, ctx.callbackQuery?.message?.message_id, text, keyboard);
}

adminMenu.command("admin", async (ctx) => {
  assertCan(ctx.actor, "units.manage");
  await send(ctx, ctx.t("staff.admin.title"), home(ctx));
});

onPress(adminMenu, homeButton, async (ctx) => {
  assertCan(ctx.actor, "units.manage");
  await show(ctx, ctx.t("staff.admin.title"), home(ctx));
});

for (const [button, list] of [[unitsButton, unitsList], [staffButton, staffList]] as const) {
  onPress(adminMenu, button, async (ctx) => {
    await list.show(ctx, { args: {} }, ctx.callbackQuery?.message?.message_id);
    await answerCallback(ctx);
  });
}

/** A new unit's names, Kazakh then Russian, typed one after the other. */
const unitChat = defineChatFlow({
  flow: unitFlow,
  buttons: adminButtons,
  steps: {
    name_kk: { ask: (ctx) => ({ text: ctx.t("staff.admin.ask_name_kk") }), text: (ctx, _state, text) => named(ctx, text) },
    name_ru: { ask: (ctx) => ({ text: ctx.t("staff.admin.ask_name_ru") }), text: (ctx, _state, text) => named(ctx, text) },
  },
});

async function named(ctx: BotContext, text: string): Promise<void> {
  const { state, unit } = await unitAddName(ctx.deps.core, ctx.actor, text);
  if (state) return unitChat.present(ctx, state, "new");
  if (unit) await send(ctx, ctx.t("staff.admin.unit_added", { name: unitName(unit, ctx.actor.language), kind: ctx.label(`staff.unit_kind.${unit.kind}`) }), home(ctx));
}

onPress(adminMenu, addUnitButton, async (ctx, { kind }) => {
  const state = await beginUnitAdd(ctx.deps.core, ctx.actor, kind);
  await answerCallback(ctx);
  await unitChat.present(ctx, state, "pressed");
});

onPress(adminMenu, personButton, async (ctx, { user }) => {
  const person = (await activeStaff(ctx.deps.core, ctx.actor)).find((s) => s.userId === user);
  if (!person) throw new DomainError("staff_not_found");
  const keyboard = new InlineKeyboard().text(ctx.label("staff.admin.deactivate"), deactivateButton.encode({ user }));
  await show(ctx, ctx.t("staff.admin.confirm_deactivate", { name: person.name, role: ctx.label(`staff.roles.${person.role}`) }), back(ctx, keyboard));
});

onPress(adminMenu, deactivateButton, async (ctx, { user }) => {
  const { returned, telegramId } = await deactivateStaff(ctx.deps.core, ctx.actor, { userId: user });
  // The access has ended either way; a chat Telegram no longer has (a blocked bot) keeps a menu that does nothing.
  await ctx.api.deleteMyCommands({ scope: { type: "chat", chat_id: telegramId } }).catch((error: unknown) => ctx.deps.core.log.warn({ err: error, userId: user }, "staff command menu not removed"));
  await show(ctx, ctx.t("staff.admin.deactivated", { count: returned.length, numbers: returned.join(", ") || "—" }), back(ctx));
});

onPress(adminMenu, inviteButton, async (ctx) => {
  assertCan(ctx.actor, "staff.invite");
  const keyboard = new InlineKeyboard();
  for (const role of STAFF_ROLES) keyboard.text(ctx.label(`staff.roles.${role}`), inviteRoleButton.encode({ role })).row();
  await show(ctx, ctx.t("staff.admin.choose_role"), back(ctx, keyboard));
});

onPress(adminMenu, inviteRoleButton, async (ctx, { role }) => {
  await inviteUnitList.show(ctx, { args: { role } }, ctx.callbackQuery?.message?.message_id);
  await answerCallback(ctx);
});

/** A unit an invite may be for: active, with staff of its own. */
async function invitedTo(ctx: BotContext, unitId: number): Promise<Unit> {
  const unit = (await listUnits(ctx.deps.core, ctx.actor)).find((u) => u.id === unitId && u.active && u.kind !== "external_body");
  if (!unit) throw new DomainError("stale_button");
  return unit;
}

const roleLabel = (ctx: BotContext, role: Role) => ctx.label(`staff.roles.${role}`);

onPress(adminMenu, inviteUnitButton, async (ctx, { role, unit: unitId }) => {
  const unit = await invitedTo(ctx, unitId);
  const keyboard = new InlineKeyboard()
    .text(ctx.label("staff.admin.create"), createInviteButton.encode({ role, unit: unit.id, cleared: false })).row()
    .text(ctx.label("staff.admin.create_cleared"), createInviteButton.encode({ role, unit: unit.id, cleared: true }));
  await show(ctx, ctx.t("staff.admin.confirm_invite", { role: roleLabel(ctx, role), unit: unitName(unit, ctx.actor.language) }), back(ctx, keyboard));
});

adminMenu.use(undeliveredScreen(homeButton.encode({})));

onPress(adminMenu, createInviteButton, async (ctx, { role, unit: unitId, cleared }) => {
  const unit = await invitedTo(ctx, unitId);
  const invite = await createInvite(ctx.deps.core, ctx.actor, { role, unitCode: unit.code, clearance: cleared });
  const text = ctx.t("staff.admin.invite_created", {
    code: invite.code,
    link: `https://t.me/${ctx.me.username}?start=join_${invite.code}`,
    role: roleLabel(ctx, role),
    unit: unitName(unit, ctx.actor.language),
    expires: formatDateTime(invite.expiresAt),
  });
  await show(ctx, text, back(ctx));
});
