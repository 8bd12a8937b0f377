import type { Actor } from "../shared/roles.js";

/**
 * The operator at the server's console (`npm run cli`): a system administrator with no Telegram
 * account and no user row. Whoever can run the command line already holds the database.
 */
export const CONSOLE_OPERATOR: Actor = Object.freeze({
  userId: 0,
  telegramId: 0,
  role: "admin",
  active: true,
  clearance: false,
  language: "en",
  actingForUserId: null,
});

/** The user id to record as the author of a change; null for the console operator. */
export function recordedUserId(actor: Actor): number | null {
  return actor.userId > 0 ? actor.userId : null;
}
