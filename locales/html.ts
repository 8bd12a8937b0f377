declare const brand: unique symbol;

/**
 * Text ready for Telegram's HTML parse mode: markup from the locales with every value escaped in
 * it. Only the translator, `escapeHtml`, `joinHtml` and `html` make one, and messages are sent
 * only as this type, so a person's raw text cannot reach a message without being escaped.
 */
export type Html = string & { readonly [brand]: true };

/**
 * Telegram's HTML mode knows only `&lt; &gt; &amp; &quot;` and numeric entities. `$` becomes a
 * numeric entity too: i18next would otherwise read a typed `$t(…)` as a nested translation.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", $: "&#36;" };

/** A person's text as it must appear, character for character. */
export function escapeHtml(text: string): Html {
  return text.replace(/[&<>"$]/g, (c) => ESCAPES[c]!) as Html;
}

/** Markup parts one after another, those absent left out: a blank line between paragraphs, a line break between lines. */
export function joinHtml(parts: readonly (Html | undefined)[], separator: "\n" | "\n\n" = "\n"): Html {
  return parts.filter((part) => part !== undefined).join(separator) as Html;
}

/** Markup already rendered (a translated phrase with its own values), put into a translation as it is. */
export class RenderedHtml {
  readonly html: Html;
  constructor(html: Html) {
    this.html = html;
  }
}

export function rendered(html: Html): RenderedHtml {
  return new RenderedHtml(html);
}

/** Markup written in code around markup already made: `html\`${a}\n\n${b}\``; a raw string does not compile. */
export function html(strings: TemplateStringsArray, ...values: Html[]): Html {
  return strings.reduce((out, literal, i) => out + literal + (values[i] ?? ""), "") as Html;
}

/** Text Telegram shows as it is (a pop-up notice): markup passed here does not compile. */
export type PlainText<T extends string> = T extends Html ? never : T;
