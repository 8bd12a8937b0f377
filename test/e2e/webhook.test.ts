import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_PATH } from "../../bot/app.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, WEBHOOK_SECRET, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(930001, "ru")], { webhook: true });
});
afterAll(() => h.dispose());

const update = (text: string) => ({
  update_id: 1,
  message: {
    message_id: 1,
    date: 1_770_000_000,
    chat: { id: 930001, type: "private", first_name: "Test" },
    from: { id: 930001, is_bot: false, first_name: "Test", language_code: "ru" },
    text,
    entities: [{ type: "bot_command", offset: 0, length: text.length }],
  },
});

function post(secret: string | undefined, body: unknown): Promise<Response> {
  return fetch(`${h.app().url}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret && { "x-telegram-bot-api-secret-token": secret }) },
    body: JSON.stringify(body),
  });
}

describe(`webhook mode on ${dbKind}`, () => {
  it("registers the webhook with its secret at start", () => {
    expect(h.sandbox.state.webhook).toEqual({ url: "https://otinish.example.kz/telegram/webhook", secret_token: WEBHOOK_SECRET });
  });

  it("refuses updates without the right secret token and handles those with it", async () => {
    expect((await post(undefined, update("/help"))).status).toBe(401);
    expect((await post("wrong-secret-wrong-secret", update("/help"))).status).toBe(401);
    expect(await h.user(930001).messages()).toEqual([]);
    expect((await post(WEBHOOK_SECRET, update("/start"))).status).toBe(200);
    await h.user(930001).waitFor((v) => v.messages.some((m) => m.from === "bot" && m.text.includes(shown("ru", "language.choose"))));
  });
});
