import { randomUUID } from "node:crypto";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppeal } from "../../core/appeals/register.js";
import type { CitizenProfile } from "../../core/citizens/profile.js";
import type { Ctx } from "../../core/shared/context.js";
import type { Actor } from "../../core/shared/roles.js";
import { appeals, numberSequences } from "../../db/schema/index.js";
import { signedUpCitizen } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await openTestDatabase();
});
afterAll(() => tdb.dispose());

const TEXT = "Прошу сообщить, на какой стадии находится рассмотрение моего гражданского дела и когда назначено заседание";
const LEGAL: Partial<CitizenProfile> = { kind: "legal", iin: null, bin: "040840300024", organization: "ТОО Дала" };

function register(ctx: Ctx, citizen: Actor, draftId = randomUUID()) {
  return registerAppeal(ctx, citizen, { draftId, type: "complaint", text: TEXT, language: "ru", replyChannel: "chat" });
}

/** Every prefix and year in the database numbers 1..n with no hole, and its counter stands at n. */
async function expectGapless(ctx: Ctx): Promise<void> {
  const rows = await ctx.db.select().from(appeals).orderBy(asc(appeals.prefix), asc(appeals.year), asc(appeals.seq));
  const seqs = new Map<string, number[]>();
  for (const row of rows) {
    expect(row.number).toBe(`${row.prefix}-${row.year}-${String(row.seq).padStart(6, "0")}`);
    const key = `${row.prefix}-${row.year}`;
    seqs.set(key, [...(seqs.get(key) ?? []), row.seq]);
  }
  const counters = await ctx.db.select().from(numberSequences);
  expect(Object.fromEntries(counters.map((c) => [`${c.prefix}-${c.year}`, c.last]))).toEqual(
    Object.fromEntries([...seqs].map(([key, list]) => [key, list.length])),
  );
  for (const list of seqs.values()) expect(list).toEqual(list.map((_, i) => i + 1));
}

describe(`registration numbers under concurrency on ${dbKind}`, () => {
  it("gives 200 citizens registering at once unique numbers, gapless per prefix", async () => {
    const ctx = testCtx(tdb.database);
    // Every fifth is a legal entity: 160 under ЖТ, 40 under ЗТ.
    const citizens = await Promise.all(
      Array.from({ length: 200 }, (_, i) => signedUpCitizen(ctx, 9000 + i, i % 5 === 0 ? LEGAL : {})),
    );
    const receipts = await Promise.all(citizens.map((citizen) => register(ctx, citizen)));

    const numbers = receipts.map((r) => r.number);
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.filter((n) => n.startsWith("ЖТ-2026-"))).toHaveLength(160);
    expect(numbers.filter((n) => n.startsWith("ЗТ-2026-"))).toHaveLength(40);
    receipts.forEach((receipt, i) => expect(receipt.number.slice(0, 2)).toBe(i % 5 === 0 ? "ЗТ" : "ЖТ"));
    await expectGapless(ctx);
  });

  it("registers one appeal when the same draft is confirmed 20 times at once, and loses no number", async () => {
    const ctx = testCtx(tdb.database);
    const citizen = await signedUpCitizen(ctx, 9500);
    const draftId = randomUUID();
    const before = (await ctx.db.select().from(appeals)).length;

    const receipts = await Promise.all(Array.from({ length: 20 }, () => register(ctx, citizen, draftId)));

    expect(new Set(receipts.map((r) => r.number)).size).toBe(1);
    expect(new Set(receipts.map((r) => r.appealId)).size).toBe(1);
    expect((await ctx.db.select().from(appeals)).length).toBe(before + 1);
    // The confirmations that lost rolled back their numbers, so the next one follows directly.
    const next = await register(ctx, citizen);
    expect(Number(next.number.slice(-6))).toBe(Number(receipts[0]!.number.slice(-6)) + 1);
    await expectGapless(ctx);
  });

  it("numbers by the Almaty year of receipt, starting again at 000001 on 1 January", async () => {
    const ctx = testCtx(tdb.database, "2026-12-31T23:59:00+05:00");
    const person = await signedUpCitizen(ctx, 9600);
    const company = await signedUpCitizen(ctx, 9601, LEGAL);
    const counters = await ctx.db.select().from(numberSequences);
    const last = (prefix: string) => counters.find((c) => c.prefix === prefix && c.year === 2026)?.last ?? 0;

    const [lateIndividual, lateLegal] = await Promise.all([register(ctx, person), register(ctx, company)]);
    expect(lateIndividual.number).toBe(`ЖТ-2026-${String(last("ЖТ") + 1).padStart(6, "0")}`);
    expect(lateLegal.number).toBe(`ЗТ-2026-${String(last("ЗТ") + 1).padStart(6, "0")}`);
    expect(lateIndividual.registeredOn).toBe("2026-12-31");

    ctx.clock.set("2027-01-01T00:01:00+05:00");
    const [earlyIndividual, earlyLegal] = await Promise.all([register(ctx, person), register(ctx, company)]);
    expect(earlyIndividual.number).toBe("ЖТ-2027-000001");
    expect(earlyLegal.number).toBe("ЗТ-2027-000001");
    expect(await register(ctx, person)).toMatchObject({ number: "ЖТ-2027-000002" });
    await expectGapless(ctx);
  });
});
