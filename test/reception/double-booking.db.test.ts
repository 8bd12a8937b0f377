import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookSlot } from "../../core/reception/booking.js";
import type { Official } from "../../core/reception/officials.js";
import { isSlotTaken } from "../../core/reception/slot-taken.js";
import { confirmRequest } from "../../core/reception/staff-decisions.js";
import { requestReception } from "../../core/reception/booking.js";
import type { Actor } from "../../core/shared/roles.js";
import { receptionBookings } from "../../db/schema/index.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { officialWithHours, slotAt } from "./fixtures.js";

const RIVALS = 24;

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let staff: Actor;
let official: Official;
const rivals: Actor[] = [];
beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  staff = await staffMember(ctx, 8701, "reception");
  official = await officialWithHours(ctx, staff);
  for (let i = 0; i < RIVALS; i++) rivals.push(await signedUpCitizen(ctx, 8710 + i));
});
afterAll(() => tdb.dispose());

/** On PostgreSQL the attempts really overlap (a pool of 20 connections); PGlite's one connection takes them in turn. */
describe(`no double booking on ${dbKind}`, () => {
  it("lets exactly one of many citizens booking one slot at once have it; every other is told it was taken, with other free slots", async () => {
    const slotId = await slotAt(ctx, official.id, "2026-03-04T09:30:00+05:00");
    const results = await Promise.allSettled(rivals.map((r) => bookSlot(ctx, r, { officialId: official.id, slotId, matter: "Бір уақытқа жазылу" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const losers = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    expect(losers).toHaveLength(RIVALS - 1);
    for (const loser of losers) {
      expect(isSlotTaken(loser)).toBe(true);
      if (isSlotTaken(loser)) expect(loser.alternatives.length > 0 && loser.alternatives.every((s) => s.id !== slotId)).toBe(true);
    }
    const holders = await ctx.db.select().from(receptionBookings).where(and(eq(receptionBookings.slotId, slotId), inArray(receptionBookings.status, ["offered", "booked"])));
    expect(holders).toHaveLength(1);
  });

  it("lets staff confirming a slot and a citizen booking it at once not both have it", async () => {
    const slotId = await slotAt(ctx, official.id, "2026-03-05T10:00:00+05:00");
    const requester = await signedUpCitizen(ctx, 8799);
    const { booking } = await requestReception(ctx, requester, { officialId: official.id, matter: "Сұраныс арқылы" });
    const results = await Promise.allSettled([
      confirmRequest(ctx, staff, { bookingId: booking.id, version: booking.version, slotId }),
      bookSlot(ctx, rivals[1]!, { officialId: official.id, slotId, matter: "Тікелей" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const holders = await ctx.db.select().from(receptionBookings).where(and(eq(receptionBookings.slotId, slotId), inArray(receptionBookings.status, ["offered", "booked"])));
    expect(holders).toHaveLength(1);
  });
});
