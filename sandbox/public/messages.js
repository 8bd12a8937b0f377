// The chat's messages: bubbles with their attachments and inline buttons, kept in step with the server.

import { pressButton } from "./actions.js";
import { renderHtml } from "./bot-html.js";
import { $, chatBox, el } from "./dom.js";

const formatSize = (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);
const formatTime = (date) => new Date(date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function attachment(message) {
  switch (message.kind) {
    case "photo":
      return el("a", { href: message.photo.url, target: "_blank", class: "photo" }, el("img", { src: message.photo.url, alt: "photo" }));
    case "document":
      return el(
        "a",
        { href: message.document.url, target: "_blank", class: "document" },
        `📄 ${message.document.file_name ?? "document"}${message.document.file_size === undefined ? "" : ` · ${formatSize(message.document.file_size)}`}`,
      );
    case "contact":
      return el("div", { class: "contact" }, `📇 ${message.contact.first_name} · ${message.contact.phone_number}`);
    case "location": {
      const { latitude, longitude } = message.location;
      const href = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}`;
      return el("a", { href, target: "_blank", rel: "noopener noreferrer", class: "location" }, `📍 ${latitude}, ${longitude}`);
    }
    case "sticker":
      return el("div", { class: "sticker" }, message.sticker.emoji);
    case "voice":
      return el("div", { class: "voice" }, "🎤 Voice message");
    default:
      return null;
  }
}

function inlineKeyboard(message) {
  if (!message.inline_keyboard) return null;
  const rows = message.inline_keyboard.map((row) =>
    el(
      "div",
      { class: "keyboard-row" },
      ...row.map((button) => {
        if (button.callback_data === undefined) {
          return el("a", { class: "inline-button", href: button.url ?? "#", target: "_blank", rel: "noopener noreferrer" }, `${button.text} ↗`);
        }
        const node = el("button", { type: "button", class: "inline-button", "data-callback-data": button.callback_data }, button.text);
        node.addEventListener("click", () => pressButton(node, message.message_id, button.callback_data));
        return node;
      }),
    ),
  );
  return el("div", { class: "inline-keyboard" }, ...rows);
}

function messageElement(message) {
  const meta = el("span", { class: "meta" }, `${message.edited ? "edited " : ""}${formatTime(message.date)}`);
  const bubble = el("div", { class: "bubble" }, attachment(message), message.text ? renderHtml(message.html) : null, meta);
  return el(
    "div",
    { class: `message ${message.from}`, "data-message-id": String(message.message_id), "data-seq": String(message.seq) },
    bubble,
    inlineKeyboard(message),
  );
}

export function renderMessages(messages) {
  const nearBottom = chatBox.scrollHeight - chatBox.scrollTop - chatBox.clientHeight < 80;
  let appended = false;
  for (const message of messages) {
    const existing = chatBox.querySelector(`.message[data-message-id="${message.message_id}"]`);
    if (message.deleted) existing?.remove();
    else if (!existing) {
      chatBox.append(messageElement(message));
      appended = true;
    } else if (existing.dataset.seq !== String(message.seq)) existing.replaceWith(messageElement(message));
  }
  $("#empty-chat").hidden = chatBox.querySelector(".message") !== null;
  if (appended || nearBottom) chatBox.scrollTop = chatBox.scrollHeight;
}
