import { z } from "zod";
import { actionOf } from "../../bot/buttons/codec.js";
import { definedCallbacks } from "../../bot/callback-data.js";

/**
 * The data of buttons the bot drew that no declared button action decodes: each must name its
 * action and carry named fields (ids, pages, versions, choices by name), never a list position.
 */
export function undecodableButtons(sent: Iterable<string>): string[] {
  return [...sent].filter((data) => !actionOf(data) && !legacyDecodes(data));
}

function legacyDecodes(data: string): boolean {
  return definedCallbacks().some((d) => data.startsWith(`${d.prefix}:`) && z.tuple(d.parts as [z.ZodType, ...z.ZodType[]]).safeParse(data.slice(d.prefix.length + 1).split(":")).success);
}
