import { ConfigError, loadConfig } from "../core/config.js";
import { ModeMismatchError } from "../core/system/deployment-mode.js";
import { startApp, type RunningApp } from "./app.js";
import { readableLines } from "./log-lines.js";
import { createLogger } from "./logger.js";

/**
 * `npm start` / `node dist/bot/main.js`: production with BOT_TOKEN; the sandbox without a token
 * and a database, or with SANDBOX=1. A refusal is one line on stderr and exit code 1.
 */
function refuse(line: string): never {
  console.error(line);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  refuse(`Configuration error: ${error.message}`);
}

// Production logs stay JSON for the collector; the sandbox's terminal is read by a person.
const log = createLogger(config.logLevel, config.mode === "sandbox" ? readableLines() : undefined);
const announce = (port: number) => {
  if (config.mode === "sandbox") console.log(`Otinish sandbox (demo data, not connected to Telegram): http://localhost:${port}`);
};
let app: RunningApp;
try {
  // Production never loads the sandbox: its emulator and demo data come in only here, on demand.
  app =
    config.mode === "sandbox"
      ? await (await import("../sandbox/start.js")).startSandbox({ config, log, onListening: announce })
      : await startApp({ config, log, onListening: announce });
} catch (error) {
  if (!(error instanceof ModeMismatchError)) throw error;
  refuse(`Start-up refused: ${error.message}`);
}

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
