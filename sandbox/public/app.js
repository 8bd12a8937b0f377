// The sandbox web chat: plays one demo user at a time against the bot,
// through the tester API under /sandbox/api.

const $ = (selector) => document.querySelector(selector);
const chatBox = $("#chat");
const userSelect = $("#user-select");
const input = $("#message-input");
const replyKeyboardBox = $("#reply-keyboard");
const commandsList = $("#commands-list");
const moreMenu = $("#more-menu");

const POLL_WAIT_MS = 25_000;
const TOAST_MS = 3_000;

let users = [];
let userId = 0;
let seq = 0;
let poller = null;

async function api(path, init) {
  const response = await fetch(`/sandbox/api/${path}`, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ?? response.statusText);
  return body;
}

const postJson = (path, json) => api(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(json) });

const el = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "class") node.className = value;
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
};

// --- Rendering bot HTML ---------------------------------------------------
// The server sends escaped text inside a fixed set of tags. It is parsed
// inertly and rebuilt here keeping only those tags, so nothing the bot
// wrote can become live markup.

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

function renderHtml(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html");
  return el("div", { class: "text" }, ...safeNodes(parsed.body));
}

// --- Messages -------------------------------------------------------------

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

function renderMessages(messages) {
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

// --- Reply keyboard, toasts, commands -------------------------------------

function renderReplyKeyboard(keyboard) {
  replyKeyboardBox.replaceChildren(
    ...(keyboard?.keyboard ?? []).map((row) =>
      el(
        "div",
        { class: "keyboard-row" },
        ...row.map((button) => {
          const node = el("button", { type: "button", class: "reply-button" }, button.text);
          node.addEventListener("click", () => {
            if (button.request_contact) return sendSpecial("contact");
            if (button.request_location) return sendSpecial("location");
            return sendText(button.text);
          });
          return node;
        }),
      ),
    ),
  );
  input.placeholder = keyboard?.input_field_placeholder ?? "Message";
}

function showToast(text, alert = false) {
  const toast = el("div", { class: alert ? "toast alert" : "toast", role: alert ? "alertdialog" : "status" }, el("span", {}, text));
  if (alert) {
    const ok = el("button", { type: "button" }, "OK");
    ok.addEventListener("click", () => toast.remove());
    toast.append(ok);
  } else {
    setTimeout(() => toast.remove(), TOAST_MS);
  }
  $("#toasts").append(toast);
}

async function toggleCommands() {
  moreMenu.hidden = true;
  if (!commandsList.hidden) {
    commandsList.hidden = true;
    return;
  }
  const { commands } = await api(`users/${userId}/commands`);
  commandsList.replaceChildren(
    ...(commands.length === 0
      ? [el("p", { class: "empty" }, "The bot has not set any commands.")]
      : commands.map(({ command, description }) => {
          const item = el("button", { type: "button", class: "command-item" }, el("b", {}, `/${command}`), ` — ${description}`);
          item.addEventListener("click", () => {
            commandsList.hidden = true;
            sendText(`/${command}`);
          });
          return item;
        })),
  );
  commandsList.hidden = false;
}

// --- Acting as the user ---------------------------------------------------

const currentUser = () => users.find((user) => user.id === userId);
// A stable, obviously made-up number per demo user.
const demoPhone = (id) => `+7701${String(id).padStart(7, "0").slice(-7)}`;

async function act(action) {
  try {
    await action();
  } catch (error) {
    showToast(`⚠️ ${error.message}`, true);
  }
}

function sendText(text) {
  if (text.trim() === "") return;
  return act(() => postJson(`users/${userId}/messages`, { text }));
}

function sendSpecial(kind) {
  moreMenu.hidden = true;
  const user = currentUser();
  const bodies = {
    contact: { contact: { phone_number: demoPhone(userId), first_name: user.first_name, user_id: userId } },
    location: { location: { latitude: 51.1283, longitude: 71.4305 } },
    sticker: { sticker: true },
    voice: { voice: true },
  };
  return act(() => postJson(`users/${userId}/messages`, bodies[kind]));
}

function pressButton(node, messageId, data) {
  node.classList.add("pressed");
  return act(() => postJson(`users/${userId}/callbacks`, { message_id: messageId, data }));
}

function uploadFile(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (input.value.trim() !== "") form.append("caption", input.value);
  input.value = "";
  return act(() => api(`users/${userId}/files`, { method: "POST", body: form }));
}

// --- Polling --------------------------------------------------------------

async function poll(controller) {
  let first = true;
  while (!controller.signal.aborted) {
    try {
      const wait = first ? 0 : POLL_WAIT_MS;
      const view = await api(`users/${userId}/chat?after=${seq}&wait=${wait}`, { signal: controller.signal });
      if (controller.signal.aborted) return;
      renderMessages(view.messages);
      renderReplyKeyboard(view.reply_keyboard);
      // Old answers are history; only show the ones arriving while watching.
      if (!first) for (const toast of view.toasts) showToast(toast.text, toast.show_alert);
      seq = view.seq;
      first = false;
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn("sandbox poll failed, retrying", error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function switchUser(id) {
  poller?.abort();
  userId = id;
  seq = 0;
  localStorage.setItem("sandbox-user", String(id));
  chatBox.querySelectorAll(".message").forEach((node) => node.remove());
  commandsList.hidden = true;
  moreMenu.hidden = true;
  poller = new AbortController();
  poll(poller);
}

async function start() {
  ({ users } = await api("users"));
  userSelect.replaceChildren(...users.map((user) => el("option", { value: String(user.id) }, `${user.name} — ${user.demoRole} (${user.language_code})`)));
  const saved = Number(localStorage.getItem("sandbox-user"));
  const initial = users.some((user) => user.id === saved) ? saved : users[0].id;
  userSelect.value = String(initial);
  userSelect.addEventListener("change", () => switchUser(Number(userSelect.value)));

  $("#composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    sendText(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      $("#composer").requestSubmit();
    }
  });
  $("#file-input").addEventListener("change", (event) => {
    const [file] = event.target.files;
    if (file) uploadFile(file);
    event.target.value = "";
  });
  $("#commands-button").addEventListener("click", () => act(toggleCommands));
  $("#more-button").addEventListener("click", () => {
    commandsList.hidden = true;
    moreMenu.hidden = !moreMenu.hidden;
  });
  moreMenu.querySelectorAll("[data-send]").forEach((button) => button.addEventListener("click", () => sendSpecial(button.dataset.send)));

  switchUser(initial);
}

start().catch((error) => showToast(`⚠️ Sandbox unavailable: ${error.message}`, true));
