import { actionOf } from "../../bot/buttons/codec.js";

/**
 * The data of buttons the bot drew that no declared button action decodes: each must name its
 * action and carry named fields (ids, pages, versions, choices by name), never a list position.
 */
export function undecodableButtons(sent: Iterable<string>): string[] {
  return [...sent].filter((data) => !actionOf(data));
}
