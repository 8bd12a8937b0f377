import { ConfigError, loadConfig } from "../core/config.js";
import { startApp } from "./app.js";
import { readableLines } from "./log-lines.js";
import { createLogger } from "./logger.js";

/** `npm start`: sandbox without BOT_TOKEN, Telegram with it. */
let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(1);
}

// Production logs stay JSON for the collector; the sandbox's terminal is read by a person.
const log = createLogger(config.logLevel, config.mode === "sandbox" ? readableLines() : undefined);
const app = await startApp({
  config,
  log,
  onListening: (port) => {
    if (config.mode === "sandbox") console.log(`Otinish sandbox (demo data, not connected to Telegram): http://localhost:${port}`);
  },
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "finishing in-flight updates and closing");
  await app.stop();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
