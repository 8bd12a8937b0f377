import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify } from "../../core/people/users.js";
import { inviteCodeHash } from "../../core/staff/invite-code.js";
import { createInvite } from "../../core/staff/invites.js";
import { joinWithInvite } from "../../core/staff/join.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { invites, joinAttempts } from "../../db/schema/index.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { refusal, refusalOf } from "../support/refusal.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const MINUTE = 60_000;
const START = "2026-03-02T09:00:00+05:00";
const invite = (ctx: ReturnType<typeof testCtx>) => createInvite(ctx, CONSOLE_OPERATOR, { role: "reviewer", unitCode: "appeals_review" });
const attemptsOf = async (userId: number) => tdb.database.db.select().from(joinAttempts).where(eq(joinAttempts.userId, userId));

describe(`wrong /join codes on ${dbKind}`, () => {
  it("after five wrong codes in ten minutes refuses even the right one until the first leaves the window, then lets the person in", async () => {
    const ctx = testCtx(tdb.database, START);
    const expired = await createInvite(ctx, CONSOLE_OPERATOR, { role: "reviewer", unitCode: "appeals_review", ttlHours: 1 });
    const used = await invite(ctx);
    await joinWithInvite(ctx, await identify(ctx, { telegramId: 8501 }), { code: used.code, fullName: "First" });
    const person = await identify(ctx, { telegramId: 8502 });
    const join = (code: string) => joinWithInvite(ctx, person, { code, fullName: "Guesser" });

    ctx.clock.advance(61 * MINUTE);
    const firstWrongAt = ctx.clock.now();
    const wrong = [await refusal(join("ABCDEFGHJK")), await refusal(join(expired.code)), await refusal(join(used.code)), await refusal(join("no such code"))];
    expect(wrong).toEqual(["invite_unknown", "invite_expired", "invite_used", "invite_unknown"]);
    ctx.clock.advance(9 * MINUTE);
    expect(await refusal(join("ZZZZZZZZZZ"))).toBe("invite_unknown");

    const right = await invite(ctx);
    const locked = await refusalOf(join(right.code));
    expect(locked.code).toBe("join_locked");
    expect(locked.params.until).toBe(new Date(firstWrongAt.getTime() + 10 * MINUTE).toISOString());
    // Refused while waiting, the right code was not spent, and the wait was not made longer.
    const [kept] = await tdb.database.db.select().from(invites).where(eq(invites.codeSha256, inviteCodeHash(right.code)));
    expect(kept!.usedBy).toBeNull();
    expect(await attemptsOf(person.userId)).toHaveLength(5);

    ctx.clock.set(new Date(firstWrongAt.getTime() + 10 * MINUTE + 1));
    expect((await join(right.code)).role).toBe("reviewer");
    expect(await attemptsOf(person.userId)).toEqual([]);
  });

  it("keeps only when a wrong code was tried, never the code, and counts each person on their own", async () => {
    const ctx = testCtx(tdb.database, START);
    const guesser = await identify(ctx, { telegramId: 8503 });
    for (let i = 0; i < 5; i++) await refusal(joinWithInvite(ctx, guesser, { code: `ABCDEFGH${"JK"[i % 2]}${i + 2}`, fullName: "Guesser" }));
    const rows = await attemptsOf(guesser.userId);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["at", "id", "userId"]);

    const neighbour = await identify(ctx, { telegramId: 8504 });
    const { code } = await invite(ctx);
    expect((await joinWithInvite(ctx, neighbour, { code, fullName: "Neighbour" })).role).toBe("reviewer");
  });

  it("counts in the database: a restarted bot or a second instance sees the same count, and two at once at the limit let only one more wrong code through", async () => {
    const first = testCtx(tdb.database, START);
    const person = await identify(first, { telegramId: 8505 });
    for (let i = 0; i < 4; i++) await refusal(joinWithInvite(first, person, { code: "QQQQQQQQQQ", fullName: "Guesser" }));

    // Another process, its own clock a minute on, the same database.
    const second = testCtx(tdb.database, "2026-03-02T09:01:00+05:00");
    const outcomes = await Promise.all([1, 2, 3].map(() => refusal(joinWithInvite(second, person, { code: "WWWWWWWWWW", fullName: "Guesser" }))));
    expect(outcomes.sort()).toEqual(["invite_unknown", "join_locked", "join_locked"]);
    expect(await attemptsOf(person.userId)).toHaveLength(5);
    expect(await refusal(joinWithInvite(testCtx(tdb.database, START), person, { code: "QQQQQQQQQQ", fullName: "Guesser" }))).toBe("join_locked");
  });
});
