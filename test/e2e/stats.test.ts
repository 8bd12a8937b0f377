import { eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weeklyDashboardJob } from "../../core/analytics/jobs.js";
import { refreshFigures } from "../../core/analytics/rollup.js";
import { rowsOf } from "../../db/rows.js";
import { units, users } from "../../db/schema/index.js";
import { seedAppealYear } from "../support/appeal-year.js";
import { signedUpCitizen, staffMember } from "../support/citizens.js";
import { dbKind } from "../support/db.js";
import { citizen, startHarness, type Harness } from "../support/harness.js";
import { shown } from "../support/texts.js";

const HEAD = 968101;
const DEPUTY = 968102;
const SECTOR_HEAD = 968103;
const REVIEWER = 968104;
const APPLICANT = 968105;

let h: Harness;
let sector: number;
beforeAll(async () => {
  h = await startHarness([citizen(HEAD, "kk"), citizen(DEPUTY, "ru"), citizen(SECTOR_HEAD, "ru"), citizen(REVIEWER, "kk"), citizen(APPLICANT, "kk")]);
  const core = h.app().core;
  await staffMember(core, HEAD, "head");
  const deputy = await staffMember(core, DEPUTY, "deputy");
  await core.db.update(users).set({ language: "ru" }).where(eq(users.id, deputy.userId));
  const sectorHead = await staffMember(core, SECTOR_HEAD, "reviewer");
  await core.db.update(users).set({ language: "ru", fullName: "Сейтқали А. Б." }).where(eq(users.id, sectorHead.userId));
  const reviewer = await staffMember(core, REVIEWER, "reviewer");
  const [made] = await core.db.insert(units).values({ code: "st-s1", kind: "sector", nameKk: "Өтініштер секторы", nameRu: "Сектор обращений", headUserId: sectorHead.userId }).returning();
  sector = made!.id;
  await core.db.update(users).set({ unitId: sector }).where(eq(users.id, sectorHead.userId));
  const applicant = await signedUpCitizen(core, APPLICANT);
  await seedAppealYear(core.db, { year: 2025, appeals: 1200, holders: [sectorHead.userId, reviewer.userId], citizenUserId: applicant.userId, batch: 1200 });
  await refreshFigures(core);
}, 60_000);
afterAll(() => h.dispose());

/** Counts of 2025 read straight from the tables, for the whole department or one sector. */
async function direct(unit?: number) {
  const inUnit = unit === undefined ? sql`true` : sql`h.unit_id = ${unit}`;
  const [row] = await rowsOf<{ received: number; decided: number; late: number }>(
    h.app().core.db,
    sql`select
      (select count(*)::int from appeals a left join users h on h.id = a.holder_user_id where a.registered_on between '2025-01-01' and '2025-12-31' and ${inUnit}) as received,
      (select count(*)::int from appeals a left join users h on h.id = a.holder_user_id where (a.closed_at at time zone 'Asia/Almaty')::date between '2025-01-01' and '2025-12-31' and ${inUnit}) as decided,
      (select count(*)::int from appeals a left join users h on h.id = a.holder_user_id where (a.closed_at at time zone 'Asia/Almaty')::date between '2025-01-01' and '2025-12-31'
         and a.state <> 'withdrawn' and (a.closed_at at time zone 'Asia/Almaty')::date > a.due_on and ${inUnit}) as late`,
  );
  return row!;
}

async function workbook(url: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await (await fetch(new URL(url, h.emulatorUrl))).arrayBuffer()) as unknown as ArrayBuffer);
  return book;
}

describe(`/stats in chat on ${dbKind}`, () => {
  it("the Head reads last year's figures in Kazakh, the deputy in Russian, each number as a direct count gives it, and gets the workbook", async () => {
    const counts = await direct();
    const head = h.user(HEAD);
    await head.send("/stats");
    await head.waitForBot(shown("kk", "analytics.summary.title", { scope: shown("kk", "analytics.scope.department"), from: "01.03.2026", to: "31.03.2026" }));
    await head.press(shown("kk", "analytics.period.year"));
    await head.waitForBot(/01\.01\.2026 – 31\.12\.2026/);
    await head.press(shown("kk", "analytics.button.previous"));
    const year = await head.waitForBot(/01\.01\.2025 – 31\.12\.2025/);
    expect(year.text).toContain(shown("kk", "analytics.summary.received", { total: counts.received }).replace(/<\/?b>/g, ""));
    expect(year.text).toContain(shown("kk", "analytics.summary.decided", { total: counts.decided }).replace(/<\/?b>/g, ""));
    expect(year.text).toMatch(new RegExp(`${counts.late}$`, "m"));

    const deputy = h.user(DEPUTY);
    await deputy.send("/stats");
    await deputy.press(shown("ru", "analytics.period.year"));
    await deputy.waitForBot(/01\.01\.2026 – 31\.12\.2026/);
    await deputy.press(shown("ru", "analytics.button.previous"));
    const ru = await deputy.waitForBot(/01\.01\.2025 – 31\.12\.2025/);
    expect(ru.text).toContain(`Поступило обращений: ${counts.received}`);
    expect(ru.text).toContain(`Рассмотрено за период: ${counts.decided}`);

    await deputy.press(shown("ru", "analytics.button.xlsx"));
    const chat = await deputy.waitFor((v) => v.messages.some((m) => m.from === "bot" && m.document?.file_name?.endsWith(".xlsx") === true));
    const book = await workbook(chat.messages.find((m) => m.document?.file_name?.endsWith(".xlsx"))!.document!.url);
    expect(book.worksheets.map((s) => s.name)).toEqual(["Сводка", "Подразделения", "Нагрузка", "Недели", "Обращения"]);
    const summary = book.getWorksheet("Сводка")!;
    expect(summary.getRow(2).values).toEqual([undefined, "Поступило обращений", counts.received]);
    // Every appeal of the year is a row of the list, under a Russian header, its dates real dates.
    const list = book.getWorksheet("Обращения")!;
    expect(list.rowCount - 1).toBe(counts.received);
    expect(list.getRow(1).getCell(1).value).toBe("Номер");
    expect(list.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    const weeks = book.getWorksheet("Недели")!;
    let weekly = 0;
    weeks.eachRow((row, n) => n > 1 && (weekly += Number(row.getCell(2).value)));
    expect(weekly).toBe(counts.received);

    // The charts arrive as images sized for a phone, the first captioned with whose figures and when.
    await deputy.press(shown("ru", "analytics.button.charts"));
    const charted = await deputy.waitFor((v) => v.messages.filter((m) => m.from === "bot" && m.photo !== undefined).length === 4);
    const photos = charted.messages.filter((m) => m.photo !== undefined);
    expect(photos.map((m) => [m.photo!.width, m.photo!.height])).toEqual(Array(4).fill([800, 450]));
    expect(photos[0]!.text).toBe("📈 Общий отдел (в целом), 01.01.2025 – 31.12.2025");

    // The report for the legal statistics body, its received total the same direct count.
    await deputy.press(shown("ru", "analytics.button.legal_xlsx"));
    const reported = await deputy.waitFor((v) => v.messages.some((m) => m.document?.file_name === "legal-stats-2025-01-01-2025-12-31.xlsx"));
    const report = await workbook(reported.messages.find((m) => m.document?.file_name === "legal-stats-2025-01-01-2025-12-31.xlsx")!.document!.url);
    const cells: unknown[] = [];
    report.worksheets[0]!.eachRow((row) => cells.push(...(row.values as unknown[])));
    expect(cells).toContain(counts.received);
  });

  it("a sector's head reads only their sector; a reviewer heading nothing is told it is not theirs", async () => {
    const counts = await direct(sector);
    const head = h.user(SECTOR_HEAD);
    await head.send("/stats");
    await head.waitForBot(shown("ru", "analytics.summary.title", { scope: "Сектор обращений", from: "01.03.2026", to: "31.03.2026" }));
    await head.press(shown("ru", "analytics.period.year"));
    await head.waitForBot(/01\.01\.2026 – 31\.12\.2026/);
    await head.press(shown("ru", "analytics.button.previous"));
    const year = await head.waitForBot(/01\.01\.2025 – 31\.12\.2025/);
    expect(year.text).toContain(`Поступило обращений: ${counts.received}`);
    expect(counts.received).toBeLessThan((await direct()).received);

    const reviewer = h.user(REVIEWER);
    await reviewer.send("/stats");
    await reviewer.waitForBot(shown("kk", "errors.forbidden"));
  });

  it("on Monday at nine the Head is told the week: what falls due and is overdue, with a button that opens each appeal, once", async () => {
    const core = h.app().core;
    // One open appeal falls due this week; the seeded year's other open appeals are long overdue.
    const [soon] = await rowsOf<{ id: number; number: string; state: string }>(
      core.db,
      sql`update appeals set due_on = '2026-03-12' where id = (select min(id) from appeals where closed_at is null) returning id, number, state`,
    );
    const [overdue] = await rowsOf<{ count: number }>(core.db, sql`select count(*)::int from appeals where closed_at is null and due_on < '2026-03-09'`);
    h.clock.set("2026-03-09T08:30:00+05:00");
    expect(await weeklyDashboardJob.run(core)).toBe(0);
    h.clock.set("2026-03-09T09:05:00+05:00");
    expect(await weeklyDashboardJob.run(core)).toBe(1);
    expect(await weeklyDashboardJob.run(core)).toBe(0);

    const head = h.user(HEAD);
    const notice = await head.waitForBot(/09\.03\.2026 – 15\.03\.2026/);
    expect(notice.text).toContain(shown("kk", "analytics.dashboard.due", { count: 1, list: "" }).replace(/<\/?b>/g, "").trim());
    expect(notice.text).toContain(`${soon!.number} — 12.03.2026`);
    expect(notice.text).toContain(shown("kk", "analytics.dashboard.overdue", { count: overdue!.count, list: "" }).replace(/<\/?b>/g, "").trim());
    // The three reviewers holding the most, as a direct count finds them: open / overdue.
    const heaviest = await rowsOf<{ name: string; open: number; overdue: number }>(
      core.db,
      sql`select coalesce(h.full_name, h.id::text) as name, count(*)::int as open, (count(*) filter (where a.due_on < '2026-03-09'))::int as overdue
          from appeals a join users h on h.id = a.holder_user_id where a.closed_at is null and h.role in ('reviewer', 'executor')
          group by h.id order by 2 desc, 1 limit 3`,
    );
    expect(heaviest.length).toBeGreaterThan(0);
    for (const l of heaviest) expect(notice.text).toContain(`${l.name} — ${l.open} / ${l.overdue}`);
    await head.press(soon!.number, { messageId: notice.message_id });
    await head.waitForBot(shown("kk", "staff.card.head", { number: soon!.number, state: shown("kk", `appeal.state.${soon!.state}`) }).replace(/<\/?b>/g, ""));
  });
});
