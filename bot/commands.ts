import type { Api } from "grammy";
import { LANGUAGES, type Actor, type Language, type Role } from "../core/shared/roles.js";
import { labels } from "../locales/index.js";

const CITIZEN_COMMANDS = ["start", "profile", "language", "help", "cancel"] as const;
/** Staff have no citizen profile; `/appeals` lists the open appeals they may see, `/control` their control items, `/digest` mutes the morning digest. */
export const STAFF_COMMANDS = ["start", "appeals", "find", "control", "digest", "language", "help", "cancel"] as const;
/** Registrars also get the queue of new appeals to classify and route, and record control documents. */
export const REGISTRAR_COMMANDS = ["start", "queue", "paper", "appeals", "find", "by_post", "registry", "newentry", "newcontrol", "control", "digest", "language", "help", "cancel"] as const;
/** Those who sign answers and decide extensions also get those queues. */
const APPROVER_COMMANDS = ["start", "approvals", "extensions", "stats", "reception", "paper", "appeals", "find", "registry", "newcontrol", "control", "digest", "language", "help", "cancel"] as const;

/** The Citizens' Reception sector gets its desk: requests and day lists. */
const RECEPTION_COMMANDS = ["start", "reception", "officials", "appeals", "find", "control", "digest", "language", "help", "cancel"] as const;

/** The technical administrator sees no appeals (DESIGN §1): the admin menu only. */
const ADMIN_COMMANDS = ["start", "admin", "officials", "language", "help", "cancel"] as const;

/**
 * The "/" menu in each language (Telegram picks by the user's app language); the default list
 * is Kazakh, the state language. Staff lists are set per chat when staff join.
 */
export async function publishCommands(api: Api): Promise<void> {
  for (const language of LANGUAGES) {
    const t = labels(language);
    const commands = CITIZEN_COMMANDS.map((command) => ({ command, description: t(`commands.${command}`) }));
    await api.setMyCommands(commands, { scope: { type: "all_private_chats" }, language_code: language });
    if (language === "kk") await api.setMyCommands(commands, { scope: { type: "all_private_chats" } });
  }
  await api.setChatMenuButton({ menu_button: { type: "commands" } });
}

function commandsOf(role: Role): readonly string[] {
  if (role === "citizen") return CITIZEN_COMMANDS;
  return role === "head" || role === "deputy" ? APPROVER_COMMANDS : role === "registrar" ? REGISTRAR_COMMANDS : role === "admin" ? ADMIN_COMMANDS : role === "reception" ? RECEPTION_COMMANDS : STAFF_COMMANDS;
}

/**
 * One person's "/" menu, for their chat only, in the language they chose: staff get their role's
 * commands (so citizens never see them) when they join, and everyone gets it again on /language,
 * since Telegram would otherwise keep picking by the app's language.
 */
export async function publishChatCommands(api: Api, chatId: number, language: Language, role: Role): Promise<void> {
  const t = labels(language);
  const list = commandsOf(role);
  const commands = list.map((command) => ({ command, description: t(`commands.${command}`) }));
  await api.setMyCommands(commands, { scope: { type: "chat", chat_id: chatId } });
}

/** The menu again after a change of language; someone whose staff access ended gets the citizens' list, never their old role's. */
export function republishChatCommands(api: Api, chatId: number, actor: Pick<Actor, "language" | "role" | "active">): Promise<void> {
  return publishChatCommands(api, chatId, actor.language, actor.active ? actor.role : "citizen");
}
