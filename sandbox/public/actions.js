// Acting as the user: what they send and press, each through the tester API.

import { api, postJson } from "./api.js";
import { input, moreMenu } from "./dom.js";
import { currentUser, session } from "./session.js";
import { showToast } from "./toasts.js";

// A stable, obviously made-up number per demo user.
const demoPhone = (id) => `+7701${String(id).padStart(7, "0").slice(-7)}`;

export async function act(action) {
  try {
    await action();
  } catch (error) {
    showToast(`⚠️ ${error.message}`, true);
  }
}

export function sendText(text) {
  if (text.trim() === "") return;
  return act(() => postJson(`users/${session.userId}/messages`, { text }));
}

export function sendSpecial(kind) {
  moreMenu.hidden = true;
  const user = currentUser();
  const bodies = {
    contact: { contact: { phone_number: demoPhone(session.userId), first_name: user.first_name, user_id: session.userId } },
    location: { location: { latitude: 51.1283, longitude: 71.4305 } },
    sticker: { sticker: true },
    voice: { voice: true },
  };
  return act(() => postJson(`users/${session.userId}/messages`, bodies[kind]));
}

export function pressButton(node, messageId, data) {
  node.classList.add("pressed");
  return act(() => postJson(`users/${session.userId}/callbacks`, { message_id: messageId, data }));
}

export function uploadFile(file) {
  const form = new FormData();
  form.append("file", file, file.name);
  if (input.value.trim() !== "") form.append("caption", input.value);
  input.value = "";
  return act(() => api(`users/${session.userId}/files`, { method: "POST", body: form }));
}
