import { startApp, type AppOptions, type RunningApp } from "../bot/app.js";
import { publishChatCommands } from "../bot/commands.js";
import { guessLanguage } from "../core/people/language.js";
import { seedDemo } from "./demo/seed.js";
import { demoStaffCommands } from "./demo/staff-commands.js";
import { DEMO_USERS } from "./demo/users.js";
import { createSandbox } from "./emulator/index.js";

/** The bot identity the sandbox plays; its token only opens the local emulator. */
const SANDBOX_TOKEN = "100000001:sandbox-token-not-valid-on-telegram";
const SANDBOX_BOT = { id: 100000001, first_name: "Otinish (demo)", username: "otinish_demo_bot" };

/**
 * The whole bot against a local Telegram stand-in, with demo people of every role: `npm start`
 * without a token or a database, or with SANDBOX=1 on a database of its own.
 */
export function startSandbox(options: Pick<AppOptions, "config" | "log" | "clock" | "database" | "onListening">): Promise<RunningApp> {
  const emulator = createSandbox({ token: SANDBOX_TOKEN, bot: SANDBOX_BOT, demoUsers: DEMO_USERS });
  return startApp({
    ...options,
    // Plain staff commands let a tester move a demo appeal through its states; the policy still applies.
    extraFeatures: [demoStaffCommands],
    localApi: {
      token: SANDBOX_TOKEN,
      routes: emulator.app,
      prepare: seedDemo,
      async started(api) {
        for (const u of DEMO_USERS) if (u.demoRole !== "citizen") await publishChatCommands(api, u.id, guessLanguage(u.language_code), u.demoRole);
      },
    },
  });
}
