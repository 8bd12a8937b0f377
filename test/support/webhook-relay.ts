import { setTimeout as sleep } from "node:timers/promises";
import { WEBHOOK_PATH } from "../../bot/app.js";
import type { Sandbox, SandboxState } from "../../sandbox/emulator/index.js";

type Update = ReturnType<SandboxState["pendingUpdates"]>[number];

export interface WebhookRelay {
  /** Posts the latest delivered update once more, as Telegram does when it heard no answer; returns the HTTP status. */
  resendLast(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Telegram's side of webhook mode, which the emulator leaves to the test: each update people
 * make in the emulator is posted, in order, with the secret token, to the bot instances in turn
 * (so consecutive updates of one chat land on different instances), and counts as delivered once
 * an instance answers 200; anything else is posted again.
 */
export function relayWebhook(sandbox: Sandbox, instances: () => string[], secret: string): WebhookRelay {
  let stopped = false;
  let turn = 0;
  let last: Update | undefined;
  const post = (url: string, update: Update) =>
    fetch(`${url}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(update),
    }).then(
      (response) => response.status,
      () => 0,
    );
  const loop = (async () => {
    while (!stopped) {
      await sandbox.state.waitUntil(() => sandbox.state.pendingUpdates().length > 0, 100);
      for (const update of sandbox.state.pendingUpdates()) {
        const targets = instances();
        if (stopped) break;
        if ((await post(targets[turn++ % targets.length]!, update)) !== 200) {
          await sleep(50);
          break;
        }
        sandbox.state.confirmUpdates(update.update_id + 1);
        last = update;
      }
    }
  })();
  return {
    async resendLast() {
      if (!last) throw new Error("no update delivered yet");
      return post(instances()[0]!, last);
    },
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
