import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legalStatistics, type LegalStatistics } from "../../core/analytics/legal-stats.js";
import { legalStatsPdf } from "../../core/analytics/legal-stats-pdf.js";
import { legalStatsXlsx } from "../../core/analytics/legal-stats-xlsx.js";
import { parsePeriod, type Period } from "../../core/analytics/period.js";
import type { Actor } from "../../core/shared/roles.js";
import { rowsOf } from "../../db/rows.js";
import { users } from "../../db/schema/index.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { testCtx } from "../support/core.js";
import { dbKind, openTestDatabase, type TestDatabase } from "../support/db.js";
import { pdfText, skipPdfText } from "../support/pdf-text.js";

let tdb: TestDatabase;
let ctx: ReturnType<typeof testCtx>;
let head: Actor;
let reviewer: Actor;

/** One appeal as read straight from the tables: no daily figures, no SQL shared with the report. */
interface Plain {
  type: string;
  channel: string;
  state: string;
  registered_on: string;
  due_on: string;
  closed_on: string | null;
  answer_outcome: string | null;
}
let plain: Plain[];

beforeAll(async () => {
  tdb = await openTestDatabase();
  ctx = testCtx(tdb.database, "2026-03-02T09:00:00+05:00");
  head = await staffMember(ctx, 9801, "head");
  await ctx.db.update(users).set({ fullName: "Исабеков Бауыржан" }).where(eq(users.id, head.userId));
  reviewer = await staffMember(ctx, 9802, "reviewer");
  const holders = [reviewer.userId, (await staffMember(ctx, 9803, "reviewer")).userId];
  const citizen = await signedUpCitizen(ctx, 9899);
  // The end of 2024 leaves appeals open into 2025, so a year starts with some pending too.
  await seedAppealYear(ctx.db, { year: 2024, appeals: 400, holders, citizenUserId: citizen.userId });
  await seedAppealYear(ctx.db, { year: 2025, appeals: 3000, holders, citizenUserId: citizen.userId, batch: 1000 });
  plain = await rowsOf<Plain>(
    ctx.db,
    sql`select a.type, a.channel, a.state, a.registered_on::text, a.due_on::text,
          (a.closed_at at time zone 'Asia/Almaty')::date::text as closed_on,
          (select x.outcome from appeal_answers x where x.appeal_id = a.id order by x.approved_at desc limit 1) as answer_outcome
        from appeals a`,
  );
}, 120_000);
afterAll(() => tdb.dispose());

/** The report's figures as a clerk would count them, appeal by appeal, from its definitions. */
function countedByHand(period: Period) {
  const within = (day: string | null) => day !== null && day >= period.from && day <= period.to;
  const closedBy = (p: Plain, day: string) => p.closed_on !== null && p.closed_on <= day;
  const ending = (p: Plain) =>
    p.state === "forwarded_external" ? "forwarded" : p.state === "withdrawn" || p.state === "left_without_review" ? p.state : p.state === "answered" ? p.answer_outcome : null;
  const received = plain.filter((p) => within(p.registered_on));
  const decided = plain.filter((p) => within(p.closed_on));
  const reviewed = decided.filter((p) => ["satisfied", "explained", "refused", "left_without_review"].includes(ending(p)!));
  const count = (rows: Plain[], key: (p: Plain) => string | null, value: string) => rows.filter((p) => key(p) === value).length;
  const dayBefore = new Date(Date.parse(`${period.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    pendingAtStart: plain.filter((p) => p.registered_on < period.from && !closedBy(p, dayBefore)).length,
    received: {
      total: received.length,
      type: Object.fromEntries(["application", "complaint", "proposal", "response", "request", "report"].map((t) => [t, count(received, (p) => p.type, t)])),
      channel: Object.fromEntries(["telegram", "paper", "email"].map((c) => [c, count(received, (p) => p.channel, c)])),
    },
    decided: {
      total: decided.length,
      outcome: Object.fromEntries(["satisfied", "explained", "refused", "left_without_review", "forwarded", "withdrawn"].map((o) => [o, count(decided, ending, o)])),
      reviewed: reviewed.length,
      late: reviewed.filter((p) => p.closed_on! > p.due_on).length,
    },
    pendingAtEnd: plain.filter((p) => p.registered_on <= period.to && !closedBy(p, period.to)).length,
  };
}

const total = (parts: Record<string, number>) => Object.values(parts).reduce((a, b) => a + b, 0);

function expectAddsUp(s: LegalStatistics) {
  expect(s.pendingAtStart + s.received.total).toBe(s.decided.total + s.pendingAtEnd);
  expect(total(s.decided.outcome)).toBe(s.decided.total);
  expect(total(s.received.type)).toBe(s.received.total);
  expect(total(s.received.channel)).toBe(s.received.total);
  expect(s.checks.map((c) => [c.name, c.ok])).toEqual(["balance", "outcomes", "types", "channels", "late", "pending"].map((name) => [name, true]));
}

describe(`the legal-statistics report on a seeded year on ${dbKind}`, () => {
  it("counts for a quarter and a year what a direct count of the appeals gives, and its parts add up", async () => {
    for (const text of ["2025-Q4", "2025"]) {
      const period = parsePeriod(text);
      const s = await legalStatistics(ctx, head, { period });
      const { pendingAtStart, received, decided, pendingAtEnd } = s;
      expect({ pendingAtStart, received, decided, pendingAtEnd }, text).toEqual(countedByHand(period));
      expectAddsUp(s);
      // Every kind of figure is there to count: nothing passes for being zero.
      expect(Math.min(s.pendingAtStart, s.pendingAtEnd, s.decided.late, ...Object.values(s.decided.outcome), ...Object.values(s.received.channel))).toBeGreaterThan(0);
    }
  });

  it("prints the figures in a PDF with the Kazakh labels, and the same totals in a workbook", async () => {
    const period = parsePeriod("2025-Q4");
    const s = await legalStatistics(ctx, head, { period });

    const pdf = await legalStatsPdf(ctx, head, { period, language: "kk" });
    const ru = await legalStatsPdf(ctx, head, { period, language: "ru" });
    // One A4 page in either language: the table, the checks and the signature together.
    for (const file of [pdf, ru]) expect(file.toString("latin1").match(/\/Type \/Page\b/g)).toHaveLength(1);
    if (!skipPdfText) {
      const text = pdfText(pdf, { layout: true });
      const row = (number: string, label: string, value: number) => expect(text).toMatch(new RegExp(`^\\s*${number.replace(".", "\\.")}\\s+${label}\\s+${value}\\s*$`, "m"));
      expect(text).toContain("ЖАЛПЫ БӨЛІМІ");
      expect(text.replace(/\s+/g, " ")).toContain("Жеке және заңды тұлғалардың өтініштері туралы статистикалық мәліметтер");
      expect(text).toContain("2025 жылғы IV тоқсан");
      expect(text).toContain("Кезең: 01.10.2025 – 31.12.2025");
      row("1", "Кезең басында қаралуда болған өтініштер", s.pendingAtStart);
      row("2", "Кезеңде түскен өтініштер, барлығы", s.received.total);
      row("2.2", "Шағым", s.received.type.complaint);
      row("2.8", "қағаз түрінде", s.received.channel.paper);
      row("3", "Кезеңде қаралуы аяқталған өтініштер, барлығы", s.decided.total);
      row("3.4", "қараусыз қалдырылды", s.decided.outcome.left_without_review);
      row("3.5", "құзыреті бойынша басқа органға жіберілді", s.decided.outcome.forwarded);
      row("4.1", "оның ішінде қарау мерзімі бұзылғаны", s.decided.late);
      row("5", "Кезең соңында қаралуда қалған өтініштер", s.pendingAtEnd);
      expect(text).toContain("Тексерілді: қорытынды көрсеткіштер сәйкес келеді");
      expect(text).toContain(`1-жол + 2-жол = 3-жол + 5-жол: ${s.pendingAtStart + s.received.total} = ${s.decided.total + s.pendingAtEnd}`);
      expect(text).toContain("Жасалған күні: 02.03.2026 09:00");
      expect(text).toContain("Жасаған: Исабеков Бауыржан");
    }

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await legalStatsXlsx(ctx, head, { period, language: "ru" })) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe("Статистика обращений");
    const header = sheet.getColumn(1).values.indexOf("№ п/п");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: header });
    expect(sheet.getRow(header).values).toEqual([undefined, "№ п/п", "Показатель", "Количество обращений"]);
    const byNumber = new Map<string, ExcelJS.CellValue>();
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === "string" && row.number > header) byNumber.set(row.getCell(1).value as string, row.getCell(3).value);
    });
    expect(Object.fromEntries(["1", "2", "3", "4", "4.1", "5"].map((n) => [n, byNumber.get(n)]))).toEqual({
      "1": s.pendingAtStart,
      "2": s.received.total,
      "3": s.decided.total,
      "4": s.decided.reviewed,
      "4.1": s.decided.late,
      "5": s.pendingAtEnd,
    });
    expect([1, 2, 3, 4, 5, 6].reduce((sum, i) => sum + (byNumber.get(`3.${i}`) as number), 0)).toBe(s.decided.total);
    const dates = sheet.getColumn(3).values.filter((v): v is Date => v instanceof Date);
    expect(dates.slice(0, 2)).toEqual([new Date("2025-10-01T00:00:00Z"), new Date("2025-12-31T00:00:00Z")]);
    expect(sheet.getColumn(2).values).toContain("отказано в удовлетворении");
  });

  it("is refused to a reviewer, and refused rather than made when its totals do not agree", async () => {
    const period = parsePeriod("2025-Q4");
    await expect(legalStatistics(ctx, reviewer, { period })).rejects.toThrow("forbidden");
    await expect(legalStatsPdf(ctx, reviewer, { period })).rejects.toThrow("forbidden");

    // One appeal too many on a day of the quarter, of no type the report knows.
    const day = sql`day = '2025-11-14' and measure = 'received' and value = 'all' and unit_id is not distinct from (select min(unit_id) from appeal_stats_daily where day = '2025-11-14' and measure = 'received')`;
    await ctx.db.execute(sql`update appeal_stats_daily set appeals = appeals + 1 where ${day}`);
    try {
      await expect(legalStatistics(ctx, head, { period })).rejects.toMatchObject({ code: "legal_stats_totals_disagree", params: { check: "types" } });
      await expect(legalStatsXlsx(ctx, head, { period })).rejects.toThrow("legal_stats_totals_disagree");
    } finally {
      await ctx.db.execute(sql`update appeal_stats_daily set appeals = appeals - 1 where ${day}`);
    }
    expect((await legalStatistics(ctx, head, { period })).checks.every((c) => c.ok)).toBe(true);
  });
});
