// The bot's reply keyboard under the chat, and the input's placeholder that comes with it.

import { sendSpecial, sendText } from "./actions.js";
import { el, input, replyKeyboardBox } from "./dom.js";

export function renderReplyKeyboard(keyboard) {
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
