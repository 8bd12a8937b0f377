import { describe, expect, it } from "vitest";
import { entitiesToHtml, parseHtml } from "../../sandbox/emulator/html-entities.js";

describe("Telegram HTML parse mode", () => {
  it("turns tags into entities with UTF-16 offsets", () => {
    expect(parseHtml("Өтініш <b>№1</b> — <i>жаңа</i> 👍 <u>u</u>")).toEqual({
      text: "Өтініш №1 — жаңа 👍 u",
      entities: [
        { type: "bold", offset: 7, length: 2 },
        { type: "italic", offset: 12, length: 4 },
        { type: "underline", offset: 20, length: 1 },
      ],
    });
  });

  it("accepts every supported tag and its synonyms", () => {
    const { entities } = parseHtml(
      '<strong>a</strong><em>b</em><ins>c</ins><s>d</s><strike>e</strike><del>f</del><tg-spoiler>g</tg-spoiler><span class="tg-spoiler">h</span><code>i</code><a href="https://example.kz/?a=1&amp;b=2">j</a><blockquote>k</blockquote><blockquote expandable>l</blockquote><tg-emoji emoji-id="5368324170671202286">m</tg-emoji>',
    );
    expect(entities.map((e) => e.type)).toEqual([
      "bold",
      "italic",
      "underline",
      "strikethrough",
      "strikethrough",
      "strikethrough",
      "spoiler",
      "spoiler",
      "code",
      "text_link",
      "blockquote",
      "expandable_blockquote",
      "custom_emoji",
    ]);
    expect(entities.find((e) => e.type === "text_link")?.url).toBe("https://example.kz/?a=1&b=2");
  });

  it("decodes the four named entities and numeric ones", () => {
    expect(parseHtml("&lt;a&gt; &amp; &quot;q&quot; &#1178; &#x49A;").text).toBe('<a> & "q" Қ Қ');
  });

  it("merges <pre><code class=language-x> into one pre entity", () => {
    expect(parseHtml('<pre><code class="language-ts">let a</code></pre>').entities).toEqual([
      { type: "pre", offset: 0, length: 5, language: "ts" },
    ]);
  });

  it.each([
    ["a <br> b", 'Unsupported start tag "br" at byte offset 2'],
    ["1 < 2", 'Unsupported start tag "" at byte offset 2'],
    ["<b>bold", 'Can\'t find end tag corresponding to start tag "b"'],
    ["<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ["<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ["<b>x</b", "Unclosed end tag at byte offset 4"],
    ["</pre>", "Unexpected end tag at byte offset 0"],
    ["Жазыңыз: <name@mail.kz>", 'Unsupported start tag "name@mail.kz" at byte offset 16'],
    ["<p>абзац</p>", 'Unsupported start tag "p" at byte offset 0'],
    ["a<br/>b", 'Unsupported start tag "br/" at byte offset 1'],
    ['<div class="x">y</div>', 'Unsupported start tag "div" at byte offset 0'],
    ["<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'],
    ["<a href=x onclick>y</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'],
    ["<blockquote><b>x</blockquote>", 'Unmatched end tag at byte offset 16, expected "</b>", found "</blockquote>"'],
    ['<tg-emoji emoji-id="smile">🙂</tg-emoji>', "Invalid custom emoji identifier specified"],
    ["&copy; 2026", "Character '&' at byte offset 0 does not start a supported HTML entity; escape it as \"&amp;\""],
    ["&#0;", "Character '&' at byte offset 0 does not start a supported HTML entity; escape it as \"&amp;\""],
    ["&#xD800;", "Character '&' at byte offset 0 does not start a supported HTML entity; escape it as \"&amp;\""],
    ["&lt без нүктелі үтір", "Character '&' at byte offset 0 does not start a supported HTML entity; escape it as \"&amp;\""],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["<b", "Unclosed start tag at byte offset 0"],
    ['<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["Ақ & Қара", "Character '&' at byte offset 5 does not start a supported HTML entity; escape it as \"&amp;\""],
    ["&nbsp;", "Character '&' at byte offset 0 does not start a supported HTML entity; escape it as \"&amp;\""],
  ])("rejects %j", (html, message) => {
    expect(() => parseHtml(html)).toThrow(message);
  });

  it("accepts what Telegram accepts: escaped markup, numeric entities, a bare `>`, attributes in any quotes, closing tags with spaces", () => {
    expect(parseHtml("&lt;b&gt;жуан емес&lt;/b&gt; &amp;amp; &#x1F600; &#128512; 2 > 1").text).toBe("<b>жуан емес</b> &amp; 😀 😀 2 > 1");
    expect(parseHtml("<a href='http://x'>x</a> <A HREF=\"http://y\">y</A > <b >z</b >").entities).toEqual([
      { type: "text_link", offset: 0, length: 1, url: "http://x" },
      { type: "text_link", offset: 2, length: 1, url: "http://y" },
      { type: "bold", offset: 4, length: 1 },
    ]);
    expect(parseHtml("<b>a</>").entities).toEqual([{ type: "bold", offset: 0, length: 1 }]);
    expect(parseHtml("\u202Eevil\u200B").text).toBe("\u202Eevil\u200B");
  });

  it("renders entities back as escaped HTML with only known tags", () => {
    const text = '<script>alert("x")</script> bold link';
    const html = entitiesToHtml(text, [
      { type: "bold", offset: 28, length: 4 },
      { type: "text_link", offset: 33, length: 4, url: "javascript:alert(1)" },
      { type: "mention", offset: 0, length: 3 },
    ]);
    expect(html).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <b>bold</b> link");
  });

  it("keeps overlapping entities well nested", () => {
    const html = entitiesToHtml("abcdef", [
      { type: "bold", offset: 0, length: 4 },
      { type: "italic", offset: 2, length: 4 },
    ]);
    expect(html).toBe("<b>ab<i>cd</i></b><i>ef</i>");
  });

  it("round-trips what it parses", () => {
    const source = '<b>a <i>b</i></b> <a href="https://example.kz">c</a> <span class="tg-spoiler">d</span>';
    const { text, entities } = parseHtml(source);
    expect(entitiesToHtml(text, entities)).toBe(source);
  });
});
