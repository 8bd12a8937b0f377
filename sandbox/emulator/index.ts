import { readFile } from "node:fs/promises";
import { Hono } from "hono";
import { botApi } from "./bot-api.js";
import { DEMO_USERS } from "../demo/users.js";
import type { DemoUser } from "../demo/users.js";
import { Faults } from "./faults.js";
import { SandboxState } from "./state.js";
import { webchatApi } from "./webchat-api.js";

export type { DemoUser } from "../demo/users.js";
export { DEMO_USERS } from "../demo/users.js";
export type { ChatMessageView, ChatView } from "./chat-view.js";
export type { SandboxState } from "./state.js";
export type { Fault, FaultRule, Faults, RateCaps } from "./faults.js";

export interface SandboxOptions {
  /** The token the bot is configured with; any string without "/". */
  token: string;
  bot: { id: number; username: string; first_name: string };
  demoUsers?: DemoUser[];
  /** Prefix for file links in the web chat's JSON; relative links when absent. */
  publicUrl?: string;
}

export interface Sandbox {
  app: Hono;
  state: SandboxState;
  /** What tests make the emulated Telegram do wrong: errors, hangs, rate caps. */
  faults: Faults;
}

/** The web chat's ES modules: the page loads app.js, which imports the others. */
const PAGE_SCRIPTS = [
  "app.js",
  "actions.js",
  "api.js",
  "bot-html.js",
  "commands.js",
  "dom.js",
  "messages.js",
  "polling.js",
  "reply-keyboard.js",
  "session.js",
  "toasts.js",
];

const PAGE_FILES: [route: string, file: string, type: string][] = [
  ["/", "index.html", "text/html; charset=utf-8"],
  ...PAGE_SCRIPTS.map((file): [string, string, string] => [`/${file}`, file, "text/javascript; charset=utf-8"]),
  ...["style.css", "composer.css"].map((file): [string, string, string] => [`/${file}`, file, "text/css; charset=utf-8"]),
];

/**
 * A local stand-in for Telegram: the Bot API for the bot, a JSON API and a
 * web chat for the people testing it. Serving `app.fetch` is the caller's job
 * (directly or via `app.route("/", sandbox.app)`); the bot then uses the same
 * token with grammY's `client: { apiRoot: "http://127.0.0.1:<port>" }`.
 */
export function createSandbox(options: SandboxOptions): Sandbox {
  const state = new SandboxState(options.bot, options.demoUsers ?? DEMO_USERS);
  const faults = new Faults();
  const app = new Hono();
  app.route("/sandbox/api", webchatApi(state, options.publicUrl?.replace(/\/$/, "")));
  app.route("/", botApi(state, faults, options.token));
  for (const [route, file, type] of PAGE_FILES) {
    app.get(route, async (c) => c.body(await readFile(new URL(`../public/${file}`, import.meta.url)), 200, { "content-type": type }));
  }
  return { app, state, faults };
}
