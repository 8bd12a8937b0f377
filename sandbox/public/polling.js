// Watching the chosen user's chat: long polls for what changed, and switching to another user.

import { api } from "./api.js";
import { chatBox, commandsList, moreMenu } from "./dom.js";
import { renderMessages } from "./messages.js";
import { renderReplyKeyboard } from "./reply-keyboard.js";
import { session } from "./session.js";
import { showToast } from "./toasts.js";

const POLL_WAIT_MS = 25_000;

let seq = 0;
let poller = null;

async function poll(controller) {
  let first = true;
  while (!controller.signal.aborted) {
    try {
      const wait = first ? 0 : POLL_WAIT_MS;
      const view = await api(`users/${session.userId}/chat?after=${seq}&wait=${wait}`, { signal: controller.signal });
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

export function switchUser(id) {
  poller?.abort();
  session.userId = id;
  seq = 0;
  localStorage.setItem("sandbox-user", String(id));
  chatBox.querySelectorAll(".message").forEach((node) => node.remove());
  commandsList.hidden = true;
  moreMenu.hidden = true;
  poller = new AbortController();
  poll(poller);
}
