import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../core/outbox/enqueue.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { signUp } from "../support/journeys.js";
import { shown } from "../support/texts.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness([citizen(940001, "ru")]);
});
afterAll(() => h.dispose());

async function scrape(): Promise<{ contentType: string | null; text: string }> {
  const response = await fetch(`${h.app().url}/metrics`);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get("content-type"), text: await response.text() };
}

/** One sample's value from Prometheus text; undefined when the series is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe(`/metrics on ${dbKind}`, () => {
  it("counts the updates a person sends, their handling time and the notices delivered", async () => {
    const u = h.user(940001);
    await signUp(u, "ru", "Тестов Тест", "870615400228"); // 4 messages and 3 button presses
    const core = h.app().core;
    await enqueue(core, core.db, { dedupeKey: "metrics:test", chatId: 940001, language: "ru", key: "appeal.notice.left_without_review", params: { number: "ЖТ-2026-000001", reason: "—" } });
    await u.waitForBot(shown("ru", "appeal.notice.left_without_review", { number: "ЖТ-2026-000001", reason: "—" }).split("\n")[0]!);

    // An update is counted once its handler returns, which may be just after its reply arrives.
    await expect.poll(async () => sample((await scrape()).text, 'otinish_updates_total{kind="message"}')).toBe(4);
    const { contentType, text } = await scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(sample(text, 'otinish_updates_total{kind="callback_query"}')).toBe(3);
    expect(sample(text, 'otinish_update_handling_seconds_count{kind="message"}')).toBe(4);
    expect(sample(text, 'otinish_update_handling_seconds_bucket{le="+Inf",kind="callback_query"}')).toBe(3);
    // A send is counted when Telegram's answer is back, which may be just after the message shows.
    await expect.poll(async () => sample((await scrape()).text, 'otinish_outbox_sends_total{result="ok"}')).toBe(1);
    expect(sample(text, 'otinish_outbox_sends_total{result="failed"}')).toBe(0);
    expect(sample(text, "otinish_outbox_queue_depth")).toBe(0);
    expect(sample(text, "otinish_outbox_oldest_due_seconds")).toBe(0);
    expect(sample(text, "otinish_db_pool_size")).toBe(dbKind === "PGlite" ? 1 : 20);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("starts counting afresh after a restart in the same process, without clashing with the app before it", async () => {
    await h.restart();
    const { text } = await scrape();
    expect(sample(text, 'otinish_updates_total{kind="message"}')).toBeUndefined();
    expect(sample(text, 'otinish_outbox_sends_total{result="ok"}')).toBe(0);
  });
});
