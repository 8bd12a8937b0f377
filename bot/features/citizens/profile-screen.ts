import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { fieldsOf, PROFILE_FIELDS, type CitizenProfile } from "../../../core/citizens/profile.js";
import { defineCallback } from "../../callback-data.js";
import type { BotContext } from "../../context.js";
import { joinHtml, type Html } from "../../html.js";
import { homeKeyboard } from "../../keyboards/home.js";

/** `pf1:edit:iin` starts editing a field; `pf1:cancel:-` stops it. */
export const profileButton = defineCallback("pf1", z.enum(["edit", "cancel"]), z.union([z.enum(PROFILE_FIELDS), z.literal("-")]));

const LABELS = { fullName: "full_name", iin: "iin", bin: "bin", organization: "organization", phone: "phone" } as const;

export function profileScreen(ctx: BotContext, profile: CitizenProfile): { text: Html; markup: InlineKeyboard } {
  const { t, label } = ctx;
  const lines = [t("profile.title"), t("profile.kind", { kind: label(`signup.kind.${profile.kind}`) })];
  for (const field of fieldsOf(profile.kind)) {
    lines.push(t(`profile.${LABELS[field]}`, { value: profile[field] ?? "" }));
  }
  const keyboard = new InlineKeyboard();
  for (const field of fieldsOf(profile.kind)) keyboard.text(label(`profile.edit.${field}`), profileButton.encode("edit", field)).row();
  return { text: joinHtml(lines), markup: homeKeyboard(ctx, keyboard) };
}
