// Rendering bot HTML.
// The server sends escaped text inside a fixed set of tags. It is parsed
// inertly and rebuilt here keeping only those tags, so nothing the bot
// wrote can become live markup.

import { el } from "./dom.js";

const ALLOWED_TAGS = new Set(["B", "I", "U", "S", "CODE", "PRE", "BLOCKQUOTE", "SPAN", "A"]);

function safeNodes(source) {
  return [...source.childNodes].flatMap((node) => {
    if (node.nodeType === Node.TEXT_NODE) return [document.createTextNode(node.textContent)];
    if (node.nodeType !== Node.ELEMENT_NODE) return [];
    const children = safeNodes(node);
    if (!ALLOWED_TAGS.has(node.tagName)) return children;
    const copy = document.createElement(node.tagName.toLowerCase());
    if (node.tagName === "SPAN") {
      copy.className = "tg-spoiler";
      copy.addEventListener("click", () => copy.classList.add("revealed"));
    }
    if (node.tagName === "A") {
      const href = node.getAttribute("href") ?? "";
      if (!/^(https?|tg|mailto):/i.test(href)) return children;
      Object.assign(copy, { href, target: "_blank", rel: "noopener noreferrer" });
    }
    copy.append(...children);
    return [copy];
  });
}

export function renderHtml(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  return el("div", { class: "text" }, ...safeNodes(parsed.body));
}
