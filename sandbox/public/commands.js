// The list of the bot's commands behind the "/" button.

import { sendText } from "./actions.js";
import { api } from "./api.js";
import { commandsList, el, moreMenu } from "./dom.js";
import { session } from "./session.js";

export async function toggleCommands() {
  moreMenu.hidden = true;
  if (!commandsList.hidden) {
    commandsList.hidden = true;
    return;
  }
  const { commands } = await api(`users/${session.userId}/commands`);
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
