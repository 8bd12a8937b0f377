import { InlineKeyboard } from "grammy";
import { fieldsOf, PROFILE_FIELDS, type CitizenProfile } from "../../../core/citizens/profile.js";
import { defineButtons, field } from "../../buttons/codec.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../../locales/html.js";
import { homeKeyboard } from "../../keyboards/home.js";
import { withdrawButton } from "./consent-buttons.js";

/** Profile buttons: `pf2:edit:iin` starts editing a field; `pf2:cancel:<version>` stops that question. */
export const profileButtons = defineButtons("pf", 2);
export const editButton = profileButtons.action("edit", { field: field.choice(...PROFILE_FIELDS) });
export const cancelEditButton = profileButtons.action("cancel", { version: field.version });

const LABELS = { fullName: "full_name", iin: "iin", bin: "bin", organization: "organization", phone: "phone" } as const;

export function profileScreen(ctx: BotContext, profile: CitizenProfile): { text: Html; markup: InlineKeyboard } {
  const { t, label } = ctx;
  const lines = [t("profile.title"), t("profile.kind", { kind: label(`signup.kind.${profile.kind}`) })];
  for (const field of fieldsOf(profile.kind)) {
    lines.push(t(`profile.${LABELS[field]}`, { value: profile[field] ?? "" }));
  }
  const keyboard = new InlineKeyboard();
  for (const field of fieldsOf(profile.kind)) keyboard.text(label(`profile.edit.${field}`), editButton.encode({ field })).row();
  keyboard.text(label("consent.withdraw.button"), withdrawButton.encode({})).row();
  return { text: joinHtml(lines), markup: homeKeyboard(ctx, keyboard) };
}
