import { timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { Logger } from "../../core/shared/context.js";
import type { Receive } from "./receive.js";
import { isUpdate } from "./update-chat.js";

const sameSecret = (given: string | undefined, secret: string): boolean => {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(secret)];
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Telegram's POST of one update: refused without the secret token set with the webhook, stored,
 * then answered 200 at once; the update is handled from the inbox, not inside this request. Not
 * stored (the database is away), it is answered 503 and Telegram sends it again later.
 */
export function webhookHandler(secret: string, receive: Receive, log: Logger): (c: Context) => Promise<Response> {
  return async (c) => {
    if (!sameSecret(c.req.header("x-telegram-bot-api-secret-token"), secret)) return c.text("secret token is wrong", 401);
    const body: unknown = await c.req.json().catch(() => undefined);
    if (!isUpdate(body)) return c.text("not an update", 400);
    try {
      await receive([body]);
    } catch (err) {
      log.error({ err, update: body.update_id }, "webhook update not stored; Telegram will send it again");
      return c.text("not stored", 503);
    }
    return c.body(null, 200);
  };
}
