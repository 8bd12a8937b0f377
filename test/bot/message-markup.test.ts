import { describe, expect, it } from "vitest";
import { splitMessage } from "../../bot/delivery/split-message.js";
import { preview } from "../../locales/format.js";
import { escapeHtml, joinHtml, rendered, type Html } from "../../locales/html.js";
import { labels, translator } from "../../locales/index.js";
import { parseHtml } from "../../sandbox/emulator/html-entities.js";

const HOSTILE = '<b>x</b> <a href="http://x">x</a> </pre> &amp; &lt; &nbsp; &#x1F600; & <name@mail.kz> "q" \u202Eevil\u200B 😀 $t(errors.internal) {{text}}';

/** What the reader sees: the text Telegram would show for the markup (and it must parse). */
const seen = (html: string): string => parseHtml(html).text;

describe("message text from the translator", () => {
  it("shows a person's text literally, inside the locale's own markup and nested phrases", () => {
    const t = translator("en");
    const html = t("appeal.detail.head", { number: "ЖТ-1", type: "complaint", state: "registered", received: "-", due: "-", files: 0, text: HOSTILE });
    expect(seen(html)).toContain(HOSTILE);
    // The locale's own `$t(appeal.type.…)` still works when the text holds a `$t(…)` of its own.
    expect(seen(html)).not.toContain("$t(appeal.");
    expect(parseHtml(html).entities).toEqual([{ type: "bold", offset: 0, length: "Appeal ЖТ-1".length }]);
  });

  it("puts a rendered phrase in once, not escaped again", () => {
    const t = translator("en");
    const inner = t("appeal.intake.channel_post_summary", { address: "Abay & Co <5>" });
    expect(seen(t("appeal.intake.summary", { type: "—", files: 0, language: "—", text: "x", channel: rendered(inner) }))).toContain("by post to Abay & Co <5>");
  });

  it("gives labels as plain text: no entity, no tag, a person's characters as typed", () => {
    expect(labels("en")("staff.by_post.sent_button", { number: "A&B <1>" })).toContain("A&B <1>");
    expect(labels("en")("appeal.intake.type_line", { name: "<b>&amp;", hint: "$t(x)" })).toBe("<b>&amp; — $t(x)");
  });

  it("escapes only what Telegram knows, so `/` and `'` stay as they are", () => {
    expect(escapeHtml(`a/b 'c' "d" <e> & $`)).toBe("a/b 'c' &quot;d&quot; &lt;e&gt; &amp; &#36;");
    expect(seen(escapeHtml(HOSTILE))).toBe(HOSTILE);
  });
});

describe("a preview", () => {
  it("cuts the raw text, so escaping it afterwards never halves an entity or an emoji", () => {
    const text = `${"&<".repeat(200)}😀😀`;
    for (const max of [299, 300, 301, 399, 400, 401]) {
      const cut = preview(text, max);
      expect(() => parseHtml(escapeHtml(cut))).not.toThrow();
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    }
    const emoji = preview("😀".repeat(200), 301);
    expect(emoji.endsWith("😀…")).toBe(true);
  });
});

describe("splitting a long message", () => {
  const check = (html: Html, limit: number) => {
    const parts = splitMessage(html, limit);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(limit);
      // Each part is valid markup of its own: Telegram would take it.
      expect(() => parseHtml(part)).not.toThrow();
    }
    return parts;
  };

  it("never cuts inside an entity, a tag or an emoji, and loses no character", () => {
    const text = `${"&<>\"😀 ".repeat(1500)}`;
    const parts = check(escapeHtml(text), 500);
    expect(parts.length).toBeGreaterThan(10);
    expect(parts.map(seen).join(" ").replace(/\s+/g, " ").trim()).toBe(text.replace(/\s+/g, " ").trim());
  });

  it("closes a tag at the cut and opens it again in the next part", () => {
    const t = translator("en");
    const long = joinHtml([t("appeal.intake.type_line", { name: "ж ".repeat(450), hint: "h" }), escapeHtml("after")], "\n\n");
    const parts = check(long, 300);
    expect(parts.length).toBeGreaterThan(2);
    const bold = parseHtml(long).entities.filter((e) => e.type === "bold").length;
    expect(parts.flatMap((p) => parseHtml(p).entities.filter((e) => e.type === "bold")).length).toBeGreaterThanOrEqual(bold);
    expect(parts.map(seen).join("")).toContain("after");
  });

  it("prefers a paragraph break in the second half of a part", () => {
    const html = joinHtml([escapeHtml("a".repeat(300)), escapeHtml("b".repeat(300))], "\n\n");
    expect(splitMessage(html, 400)).toEqual(["a".repeat(300), "b".repeat(300)]);
  });
});
