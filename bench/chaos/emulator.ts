import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createSandbox, type DemoUser, type Sandbox } from "../../sandbox/emulator/index.js";

export const CHAOS_TOKEN = "300000003:chaos-token-for-the-local-emulator";

export interface Emulator {
  sandbox: Sandbox;
  url: string;
  close(): Promise<void>;
}

/** What every benchmark's bot process shares: the emulator's token and address, the database, quiet logs, no scheduler. */
export function emulatedBotEnv(databaseUrl: string, apiRoot: string, filesDir: string): Record<string, string> {
  return {
    BOT_TOKEN: CHAOS_TOKEN,
    BOT_API_ROOT: apiRoot,
    OPERATOR_BIN: "040840300024",
    DATABASE_URL: databaseUrl,
    FILES_DIR: filesDir,
    LOG_LEVEL: "warn",
    SCHEDULER: "off",
  };
}

/** The Bot API emulator served from the bench's own process, so it outlives every bot it serves. */
export async function startEmulator(users: DemoUser[]): Promise<Emulator> {
  const sandbox = createSandbox({ token: CHAOS_TOKEN, bot: { id: 300000003, username: "otinish_chaos_bot", first_name: "Otinish" }, demoUsers: users });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return {
    sandbox,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Updates the people made: each message they sent and each button they pressed is one. */
export function updatesIssued(sandbox: Sandbox): number {
  const sent = [...sandbox.state.users.keys()].reduce((n, id) => n + (sandbox.state.chat(id)?.messages.filter((m) => m.sender === "user").length ?? 0), 0);
  return sent + sandbox.state.callbackQueries.size;
}
