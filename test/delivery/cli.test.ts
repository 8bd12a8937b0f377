import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import { beginPart, claimDue, markFailed, markRetry } from "../../core/outbox/delivery.js";
import { enqueue } from "../../core/outbox/enqueue.js";
import { openDatabase } from "../../db/client.js";
import { migrate } from "../../db/migrate.js";
import { outbox, users } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { cliOn } from "../support/app-process.js";

/**
 * `npm run cli -- outbox …` and `status` as operators run them: a child process on a PGlite of its
 * own. The messages are written and tried first by the core on the same data directory, on 2 March
 * 2026: one refused by Telegram, one given up after its hours, one still waiting, one delivered.
 */
const CITIZEN = 975001;
const REGISTRAR = 975002;

let dir: string;
let number: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "otinish-outbox-cli-"));
  const database = await openDatabase({ dataDir: path.join(dir, "data", "pglite") });
  try {
    await migrate(database);
    const ctx = testCtx(database, "2026-03-02T09:00:00+05:00");
    const citizen = await signedUpCitizen(ctx, CITIZEN);
    // Registered before the registrar joins, so no notice of it takes a place in the outbox.
    const appeal = await registerAppeal(ctx, citizen, { draftId: randomUUID(), type: "request", text: "Прошу разъяснить порядок обжалования.", language: "ru", replyChannel: "chat" });
    const registrar = await staffMember(ctx, REGISTRAR, "registrar");
    await ctx.db.update(users).set({ fullName: "Омарова Дана" }).where(eq(users.id, registrar.userId));
    number = appeal.number;
    const write = (dedupeKey: string, chatId: number, key: string, appealId?: number) => enqueue(ctx, ctx.db, { dedupeKey, chatId, language: "ru", key, params: { number }, appealId });
    await write("refused", REGISTRAR, "staff.notice.draft_submitted");
    ctx.clock.advance(60_000);
    await write("answer", CITIZEN, "appeal.notice.answered", appeal.appealId);
    await write("digest", REGISTRAR, "staff.digest.title");
    await write("sent", CITIZEN, "appeal.notice.extended", appeal.appealId);
    const [refused, answer] = await claimDue(ctx, 2, 60_000);
    await markFailed(ctx, (await beginPart(ctx, refused!, true))!, "Bad Request: can't parse entities");
    ctx.clock.advance(72 * 3_600_000);
    await markRetry(ctx, (await beginPart(ctx, answer!, true))!, "Internal Server Error", { outcomeUnknown: false, giveUpAfterMs: 72 * 3_600_000 });
    await ctx.db.update(outbox).set({ status: "sent" }).where(eq(outbox.dedupeKey, "sent"));
  } finally {
    await database.close();
  }
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => cliOn(path.join(dir, "data"))(...args);

const refusedLine = "#1  failed  staff_notice  to registrar #2 Омарова Дана  due 02.03.2026 09:00  given up 02.03.2026 09:01  tries 1  Bad Request: can't parse entities";
const answerLine = () => `#2  failed  answer ${number}  to citizen #1  due 02.03.2026 09:01  given up 05.03.2026 09:01  tries 1  Internal Server Error`;

describe("the outbox on the command line", () => {
  it("lists given-up messages newest first, then those still waiting, with whom, what, since when and why; status counts them by state", async () => {
    const failed = await cli("outbox", "list", "--failed");
    expect(failed).toMatchObject({ code: 0 });
    expect(failed.stdout).toEqual(["2 given up (Asia/Almaty time; given up first, newest first, then waiting, oldest first)", answerLine(), refusedLine]);
    const all = await cli("outbox", "list");
    expect(all.stdout).toEqual([
      "3 undelivered (Asia/Almaty time; given up first, newest first, then waiting, oldest first)",
      answerLine(),
      refusedLine,
      "#3  waiting  digest  to registrar #2 Омарова Дана  due 02.03.2026 09:01  tries 0  not tried yet",
    ]);
    const status = await cli("status");
    expect(status.stdout).toContain("outbox: pending 1, sending 0, sent 1, unreachable 0, failed 2, cancelled 0");
    expect(status.stdout.find((l) => l.startsWith("outbox oldest due: "))).toMatch(/^outbox oldest due: \d+ d \d+ h$/);
  }, 120_000);

  it("sends one given-up message again, then all, and refuses an ID that is not given up and a wrong command line", async () => {
    expect(await cli("outbox", "retry", "2")).toMatchObject({ code: 0, stdout: ["1 message back in the queue"] });
    expect(await cli("outbox", "retry", "2")).toMatchObject({ code: 1, stderr: ["outbox retry: Message #2 is not among the undelivered: it may have been sent again already"] });
    expect((await cli("outbox", "list", "--failed")).stdout).toEqual(["1 given up (Asia/Almaty time; given up first, newest first, then waiting, oldest first)", refusedLine]);
    expect(await cli("outbox", "retry", "--all")).toMatchObject({ code: 0, stdout: ["1 message back in the queue"] });
    expect(await cli("outbox", "list", "--failed")).toMatchObject({ code: 0, stdout: ["no given-up messages"] });
    expect((await cli("outbox", "retry")).code).toBe(2);
    expect((await cli("outbox", "retry", "2", "--all")).code).toBe(2);
    expect((await cli("outbox", "retry", "abc")).code).toBe(2);
    expect((await cli("outbox", "shout")).code).toBe(2);
  }, 120_000);
});
