import type { MethodHandler } from "./methods-common.js";
import { chatParam, toChatId } from "./methods-common.js";
import { badRequest } from "./params.js";
import type { Params } from "./params.js";
import { commandsKey } from "./state.js";
import type { SandboxState } from "./state.js";
import type { BotCommand, MenuButton } from "./types.js";

const SCOPE_TYPES = ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators", "chat_member"];

/** The storage key of the scope + language_code a commands method addresses. */
function commandsTarget(state: SandboxState, params: Params): string {
  const scope = (params.json("scope") ?? { type: "default" }) as { type?: unknown; chat_id?: unknown };
  if (typeof scope.type !== "string" || !SCOPE_TYPES.includes(scope.type)) throw badRequest("can't parse BotCommandScope");
  if (!scope.type.startsWith("chat")) return commandsKey({ type: scope.type }, params.optionalString("language_code"));
  const chatId = toChatId(scope.chat_id);
  if (chatId === undefined || !state.chat(chatId)) throw badRequest("chat not found");
  return commandsKey({ type: scope.type, chat_id: chatId }, params.optionalString("language_code"));
}

function commandList(raw: unknown): BotCommand[] {
  if (!Array.isArray(raw)) throw badRequest("commands is required");
  return raw.map((entry: { command?: unknown; description?: unknown }) => {
    if (typeof entry?.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(entry.command)) throw badRequest("BOT_COMMAND_INVALID");
    const { description } = entry;
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: entry.command, description };
  });
}

export const settingsMethods: Record<string, MethodHandler> = {
  getMe: ({ state }) => ({
    ...state.bot,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  }),

  setMyCommands: ({ state, params }) => {
    const commands = commandList(params.json("commands"));
    const key = commandsTarget(state, params);
    // An empty list is how Telegram deletes commands.
    if (commands.length > 0) state.commands.set(key, commands);
    else state.commands.delete(key);
    return true;
  },

  getMyCommands: ({ state, params }) => state.commands.get(commandsTarget(state, params)) ?? [],

  deleteMyCommands: ({ state, params }) => {
    state.commands.delete(commandsTarget(state, params));
    return true;
  },

  setChatMenuButton: ({ state, params }) => {
    const button = (params.json("menu_button") ?? { type: "default" }) as MenuButton;
    if (typeof button.type !== "string") throw badRequest("can't parse menu button");
    if (params.raw("chat_id") === undefined) state.defaultMenuButton = button;
    else chatParam(state, params).menuButton = button;
    return true;
  },

  getChatMenuButton: ({ state, params }) => {
    if (params.raw("chat_id") === undefined) return state.defaultMenuButton;
    return chatParam(state, params).menuButton ?? state.defaultMenuButton;
  },
};
