import { readFileSync } from "node:fs";
import i18next from "i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../core/shared/roles.js";
import { formatDate } from "./format.js";
import { escapeHtml, RenderedHtml, type Html } from "./html.js";

function load(language: Language): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./${language}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: load(l) }])),
  lng: DEFAULT_LANGUAGE,
  // Resources are bundled, so initialise synchronously and be usable on import.
  initAsync: false,
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  // Messages go out in Telegram's HTML mode: every value is a person's text and is escaped here,
  // once, unless it is a phrase this translator rendered already.
  interpolation: {
    escape: (value: unknown) => (value instanceof RenderedHtml ? value.html : escapeHtml(String(value))),
    useRawValueToEscape: true,
  },
  returnNull: false,
});

// `{{due, date}}`: the core passes ISO dates; people read them as 31.12.2026.
i18n.services.formatter?.add("date", (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : String(value)));

type Brand<V> = V extends Html ? RenderedHtml : V;
/** A value of a translation: plain text, a number, or rendered markup wrapped by `rendered()`; markup passed bare does not compile. */
type Value = string | number | RenderedHtml | undefined;
type Params<P> = { [K in keyof P]: Brand<P[K]> };

/** Message text in Telegram's HTML: the locale's markup with every value escaped. */
export type Translate = <P extends Record<string, Value>>(key: string, params?: P & Params<P>) => Html;
/** Plain text, for what Telegram shows as it is: buttons, pop-up notices, command lists, printed pages. */
export type Label = <P extends Record<string, Value>>(key: string, params?: P & Params<P>) => string;

function render(language: Language): (key: string, params?: Record<string, Value>) => Html {
  const t = i18n.getFixedT(language);
  return (key, params) => t(key, params ?? {}) as Html;
}

export function translator(language: Language): Translate {
  return render(language);
}

/** The same words as plain text: the locale's tags dropped, every entity read back to its character. */
export function labels(language: Language): Label {
  const t = render(language);
  return (key, params) => plainText(t(key, params));
}

export function plainText(markup: Html): string {
  return markup
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|quot|amp));/gi, (_, dec?: string, hex?: string, name?: string) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : NAMED[name!.toLowerCase()]!,
    );
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", quot: '"', amp: "&" };

export function hasKey(key: string): boolean {
  return i18n.exists(key, { lng: DEFAULT_LANGUAGE });
}
