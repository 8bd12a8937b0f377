import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createSandbox } from "../sandbox/emulator/index.js";

/**
 * The Bot API emulator as a process of its own for the delivery benchmark, so the worker's event
 * loop cannot delay when calls are seen to arrive (Telegram is not in the bot's process either).
 * Told its chats and caps in the environment; answers "report" over IPC with what it counted.
 */
const token = process.env.EMULATOR_TOKEN!;
const chatBase = Number(process.env.EMULATOR_CHAT_BASE);
const chats = Number(process.env.EMULATOR_CHATS);
const sandbox = createSandbox({
  token,
  bot: { id: Number(token.split(":")[0]), username: "otinish_bench_bot", first_name: "Otinish" },
  demoUsers: Array.from({ length: chats }, (_, i) => ({ id: chatBase + i, first_name: "Bench", language_code: "en", demoRole: "citizen" as const })),
});
sandbox.faults.setCaps({ perSecond: Number(process.env.EMULATOR_CAP), chatPerSecond: 1 });
const server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
server.once("listening", () => process.send?.({ port: (server.address() as AddressInfo).port }));

process.on("message", () => {
  const texts = Array.from({ length: chats }, (_, i) =>
    (sandbox.state.chat(chatBase + i)?.messages ?? []).filter((m) => m.sender === "bot").map((m) => m.content.text ?? ""),
  );
  process.send?.({ accepted: sandbox.faults.accepted, overCap: sandbox.faults.overCap, texts });
});
