import { InlineKeyboard } from "grammy";
import { registerOutboxKeyboard } from "../../delivery/outbox-keyboards.js";
import { openAppealCard } from "../appeals/appeal-card.js";
import { showButton } from "./buttons.js";

const PER_ROW = 3;

/** Under the Monday dashboard: each appeal it names first opens its card; the last week's figures are one tap away. */
registerOutboxKeyboard("analytics.dashboard", (label, withFigures, items) => {
  const keyboard = new InlineKeyboard();
  items.forEach((item, i) => {
    keyboard.text(item.text, openAppealCard.encode({ appeal: item.ref }));
    if ((i + 1) % PER_ROW === 0) keyboard.row();
  });
  if (withFigures === 1) keyboard.row().text(label("analytics.button.stats"), showButton.encode({ scope: "d", of: 0, period: "week", back: 1 }));
  return keyboard;
});
