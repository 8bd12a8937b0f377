// The sandbox web chat: plays one demo user at a time against the bot,
// through the tester API under /sandbox/api. This module starts the page
// and wires its controls; the modules it imports do the rest.

import { act, sendSpecial, sendText, uploadFile } from "./actions.js";
import { api } from "./api.js";
import { toggleCommands } from "./commands.js";
import { $, commandsList, el, input, moreMenu, userSelect } from "./dom.js";
import { switchUser } from "./polling.js";
import { session } from "./session.js";
import { showToast } from "./toasts.js";

async function start() {
  const { users } = await api("users");
  session.users = users;
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
