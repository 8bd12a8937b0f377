import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createSandbox } from "../../sandbox/emulator/index.js";
import type { Faults, SandboxState } from "../../sandbox/emulator/index.js";

export const TOKEN = "123456:sandbox-test-token";
export const BOT = { id: 123456, username: "otinish_test_bot", first_name: "Otinish" };
export const CITIZEN = 900001;
export const OTHER_CITIZEN = 900002;

/** What the Bot API answers to a bad call, as Telegram words it. */
export const badRequest = (description: string) => ({ status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } });

export interface ApiReply {
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}

export interface RunningSandbox {
  baseUrl: string;
  apiRoot: string;
  state: SandboxState;
  faults: Faults;
  /** A Bot API call with a JSON body, as grammY makes it. */
  call(method: string, params?: Record<string, unknown>, token?: string): Promise<ApiReply>;
  /** A tester API call. */
  tester<T = Record<string, unknown>>(path: string, init?: { method?: string; json?: unknown }): Promise<T>;
  close(): Promise<void>;
}

export async function startSandbox(): Promise<RunningSandbox> {
  const { app, state, faults } = createSandbox({ token: TOKEN, bot: BOT });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    apiRoot: baseUrl,
    state,
    faults,
    async call(method, params = {}, token = TOKEN) {
      const response = await fetch(`${baseUrl}/bot${token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
      });
      return { status: response.status, body: (await response.json()) as ApiReply["body"] };
    },
    async tester<T>(path: string, init: { method?: string; json?: unknown } = {}) {
      const response = await fetch(`${baseUrl}/sandbox/api/${path}`, {
        method: init.method ?? (init.json === undefined ? "GET" : "POST"),
        ...(init.json !== undefined && { headers: { "content-type": "application/json" }, body: JSON.stringify(init.json) }),
      });
      return (await response.json()) as T;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        (server as Server).closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
