import { readFileSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import { LANGUAGES, type Language } from "../core/shared/roles.js";
import { formatDate } from "./format.js";
import { escapeHtml } from "./html.js";

function load(language: Language): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../locales/${language}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: load(l) }])),
  lng: "kk",
  // Resources are bundled, so initialise synchronously and be usable on import.
  initAsync: false,
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  // Messages go out in Telegram's HTML mode: every interpolated value is user-provided text.
  interpolation: { escape: escapeHtml },
  returnNull: false,
});

// `{{due, date}}`: the core passes ISO dates; people read them as 31.12.2026.
i18n.services.formatter?.add("date", (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : String(value)));

export type Translate = TFunction;

export function translator(language: Language): Translate {
  return i18n.getFixedT(language);
}

export function hasKey(key: string): boolean {
  return i18n.exists(key, { lng: "kk" });
}
