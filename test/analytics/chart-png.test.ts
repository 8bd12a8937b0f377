import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { chartSvg, renderChart, renderFigureCharts, svgToPng } from "../../core/analytics/chart-png.js";
import { chartWords } from "../../core/analytics/chart-words.js";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  COLOURS,
  LOAD_COLOURS,
  loadChart,
  onTimeChart,
  OUTCOME_COLOURS,
  outcomesChart,
  ON_TIME_COLOUR,
  WEEKLY_COLOUR,
  weeklyChart,
} from "../../core/analytics/charts.js";
import type { Figures } from "../../core/analytics/figures.js";
import { FINAL_OUTCOMES } from "../../core/analytics/measures.js";
import { labels, translator } from "../../locales/index.js";

/** The words as the bot reads them: its translator for plain text (`ctx.label`). */
const translatorOf = (language: "kk" | "ru" | "en") => labels(language);

const kk = chartWords(translatorOf("kk"));
const ru = chartWords(translatorOf("ru"));

/** A quarter of the department as the Head would read it: 14 weeks it touches, three sectors, five reviewers. */
function quarter(): Figures {
  const weekly = [12, 41, 37, 52, 48, 33, 45, 58, 61, 39, 44, 50, 47, 17].map((received, i) => ({
    week: new Date(Date.UTC(2025, 11, 29 + 7 * i)).toISOString().slice(0, 10),
    received,
  }));
  const received = weekly.reduce((sum, w) => sum + w.received, 0);
  return {
    period: { kind: "quarter", from: "2026-01-01", to: "2026-03-31" },
    scope: { scope: { kind: "department" }, unitIds: null, reviewerId: null, name: null },
    asOf: new Date("2026-04-01T03:00:00Z"),
    received: {
      total: received,
      type: { application: 301, complaint: 198, request: 85 },
      category: { court_proceedings: 260, judge_conduct: 140, general: 184 },
      channel: { telegram: 402, paper: 182 },
      state: { answered: 470, in_review: 60, forwarded_external: 31, left_without_review: 14, withdrawn: 9 },
      outcome: { satisfied: 96, explained: 288, refused: 86, left_without_review: 14, forwarded: 31, withdrawn: 9, open: 60 },
      extended: 23,
      repeated: 41,
      answerComplaints: 6,
      rating: { satisfied: 120, unsatisfied: 31 },
    },
    closed: {
      total: 531,
      outcome: { satisfied: 98, explained: 291, refused: 88, left_without_review: 15, forwarded: 30, withdrawn: 9 },
      onTime: 489,
      late: 33,
      onTimeRate: 489 / 522,
      medianDays: 9,
      p90Days: 14,
    },
    overdueNow: 7,
    weekly,
    units: [
      { unitId: 2, name: { kk: "Өтініштерді қарау секторы", ru: "Сектор рассмотрения обращений" }, received: 402, onTime: 371, late: 19 },
      { unitId: 3, name: { kk: "Азаматтарды қабылдау секторы", ru: "Сектор приёма граждан" }, received: 121, onTime: 94, late: 14 },
      { unitId: 1, name: { kk: "Құжат айналымы секторы", ru: "Сектор документооборота" }, received: 51, onTime: 24, late: 0 },
      // Registered, nothing decided yet: no bar.
      { unitId: 4, name: { kk: "Жалпы бөлім", ru: "Общий отдел" }, received: 10, onTime: 0, late: 0 },
    ],
    load: [
      { userId: 11, name: "Әбдіхалықова Гүлнұр Қайратқызы", open: 17, overdue: 3 },
      { userId: 12, name: "Нұрмағамбетов Ұлан Өмірұлы", open: 14, overdue: 2 },
      { userId: 13, name: "Сейітқали Айгерім", open: 12, overdue: 0 },
      { userId: 14, name: "Иванова Ольга Петровна", open: 9, overdue: 2 },
      { userId: 15, name: "Шәкенов Нұрлан", open: 8, overdue: 0 },
    ],
    reception: null,
  };
}

const PALETTE_DISTANCE = 24;

/** How many pixels are within a small distance of a colour. */
function pixelsNear(png: PNG, hex: string, distance = PALETTE_DISTANCE): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let count = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const dr = png.data[i]! - r;
    const dg = png.data[i + 1]! - g;
    const db = png.data[i + 2]! - b;
    if (dr * dr + dg * dg + db * db <= distance * distance) count++;
  }
  return count;
}

/** Dark pixels: text, since no bar is this dark. */
function inkPixels(png: PNG, region?: { top: number; bottom: number }): number {
  let count = 0;
  for (let y = region?.top ?? 0; y < (region?.bottom ?? png.height); y++)
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i]! < 90 && png.data[i + 1]! < 90 && png.data[i + 2]! < 90) count++;
    }
  return count;
}

const decode = (buffer: Buffer) => PNG.sync.read(buffer);

/** The SVG's visible text, entities read back (vega escapes &, < and quotes). */
const svgText = (svg: string) => svg.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&apos;|&#x27;/g, "'");

describe("charts of the figures, drawn on the server", () => {
  const figures = quarter();
  const cases: { name: string; spec: ReturnType<typeof weeklyChart>; title: string; colours: string[]; texts: (string | RegExp)[] }[] = [
    { name: "weekly", spec: weeklyChart(figures, kk), title: kk.title.weekly, colours: [WEEKLY_COLOUR], texts: ["29.12", "30.03", kk.axis.appeals, "Барлығы: 584"] },
    {
      name: "outcomes",
      spec: outcomesChart(figures, kk),
      title: kk.title.outcomes,
      colours: FINAL_OUTCOMES.map((o) => OUTCOME_COLOURS[o]),
      texts: [...FINAL_OUTCOMES.map((o) => kk.outcome[o]), "291"],
    },
    {
      name: "on_time",
      spec: onTimeChart(figures, kk),
      title: kk.title.onTime,
      colours: [ON_TIME_COLOUR],
      texts: ["Өтініштерді қарау секторы", "Азаматтарды қабылдау секторы", "Құжат айналымы секторы", /95,1\s?%\s\(371\/390\)/, /100\s?%\s\(24\/24\)/, kk.axis.onTimePercent],
    },
    {
      name: "load",
      spec: loadChart(figures, kk),
      title: kk.title.load,
      colours: [LOAD_COLOURS.withinDeadline, LOAD_COLOURS.overdue],
      texts: ["Әбдіхалықова Гүлнұр Қайратқызы", "Нұрмағамбетов Ұлан Өмірұлы", kk.load.overdue, kk.load.withinDeadline, kk.axis.openAppeals],
    },
  ];

  for (const chart of cases)
    it(`draws ${chart.name} with its Kazakh words, the palette's colours and dark text, ${CHART_WIDTH}×${CHART_HEIGHT}`, async () => {
      expect(chart.spec).not.toBeNull();
      const svg = svgText(await chartSvg(chart.spec!));
      expect(svg).toContain(chart.title);
      for (const text of chart.texts) {
        if (typeof text === "string") expect(svg).toContain(text);
        else expect(svg).toMatch(text);
      }
      expect(svg).toContain('font-family="DejaVu Sans"');
      expect(svg).toMatch(/[әғқңөұүһі]/);

      const png = decode(await renderChart(chart.spec!));
      expect([png.width, png.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
      // A bar of each colour: a few hundred pixels at least, not a stray anti-aliased edge.
      for (const colour of chart.colours) expect(pixelsNear(png, colour), colour).toBeGreaterThan(300);
      // The background is white and most of the picture.
      expect(pixelsNear(png, COLOURS.background, 4)).toBeGreaterThan(png.width * png.height * 0.4);
      // The title, drawn in glyphs (a missing font draws nothing), in the band at the top.
      expect(inkPixels(png, { top: 0, bottom: 50 })).toBeGreaterThan(600);
      expect(inkPixels(png)).toBeGreaterThan(2500);
    });

  it("draws each Kazakh letter as its own glyph from the embedded font, not as nothing and not as one box for all", async () => {
    const drawn = new Set<string>();
    for (const letter of ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "Ә", "Ғ", "Қ", "Ң", "Ө", "Ұ", "Ү", "Һ", "І"]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-family="DejaVu Sans" font-size="28" fill="${COLOURS.ink}">${letter.repeat(3)}</text></svg>`;
      const png = decode(await svgToPng(svg, 120));
      expect(inkPixels(png), letter).toBeGreaterThan(40);
      drawn.add(png.data.toString("base64"));
    }
    // A missing glyph is drawn as the same empty box whatever the letter.
    expect(drawn.size).toBe(18);
  });

  it("renders the four charts, and leaves out a chart with nothing to draw", async () => {
    const all = await renderFigureCharts(figures, kk);
    expect(all.map((c) => c.name)).toEqual(["weekly", "outcomes", "on_time", "load"]);
    for (const { png } of all) expect(png.subarray(1, 4).toString()).toBe("PNG");

    const quiet: Figures = {
      ...figures,
      closed: { ...figures.closed, outcome: {}, onTime: 0, late: 0, onTimeRate: null },
      units: figures.units.map((u) => ({ ...u, onTime: 0, late: 0 })),
      load: [],
    };
    expect((await renderFigureCharts(quiet, kk)).map((c) => c.name)).toEqual(["weekly"]);
    const empty: Figures = { ...quiet, weekly: figures.weekly.map((w) => ({ ...w, received: 0 })) };
    expect(await renderFigureCharts(empty, kk)).toEqual([]);
  });

  it("speaks Russian with the Russian words, the units' Russian names and a decimal comma; English with a point", async () => {
    const svg = svgText(await chartSvg(onTimeChart(figures, ru)!));
    expect(svg).toContain("Рассмотрено в срок по секторам");
    expect(svg).toContain("Сектор рассмотрения обращений");
    expect(svg).toMatch(/95,1\s%\s\(371\/390\)/);
    expect(svg).not.toContain(kk.title.onTime);
    expect(svg).not.toContain("Өтініштерді қарау секторы");

    const en = svgText(await chartSvg(onTimeChart(figures, chartWords(translatorOf("en")))!));
    expect(en).toContain("Decided on time, by sector");
    expect(en).toContain("95.1% (371/390)");
  });

  it("writes thousands the reader's way: 1 000 in Russian, never 1,000 (a decimal comma there)", async () => {
    const big: Figures = { ...figures, weekly: figures.weekly.map((w) => ({ ...w, received: w.received * 40 })) };
    const svg = svgText(await chartSvg(weeklyChart(big, ru)!));
    expect(svg).toMatch(/Всего: 23\s360/);
    // The axis groups thousands; a bar's own number of four digits stays whole (2440), as Russian writes it.
    expect(svg).toMatch(/>1\s000<\/text>/);
    expect(svg).toMatch(/>2440<\/text>/);
    const texts = [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]!);
    expect(texts.filter((text) => /\d,\d{3}/.test(text))).toEqual([]);
  });

  it("shows 100 % only when nothing was late: a share is rounded down to a tenth", async () => {
    const nearly: Figures = { ...figures, units: [{ unitId: 2, name: figures.units[0]!.name, received: 2100, onTime: 1999, late: 1 }] };
    const svg = svgText(await chartSvg(onTimeChart(nearly, kk)!));
    expect(svg).toMatch(/99,9\s?%\s\(1\s999\/2\s000\)/);
    expect(svg).not.toMatch(/>100\s?%/);
  });

  it("has every chart word in all three locales, the same through the bot's plain and HTML translators", () => {
    for (const language of ["kk", "ru", "en"] as const) {
      const words = chartWords(translatorOf(language));
      const texts = [...Object.values(words.title), ...Object.values(words.axis), ...Object.values(words.outcome), ...Object.values(words.load), words.total, words.noUnit, words.now];
      // i18next answers a missing key with the key itself.
      for (const text of texts) expect(text).not.toMatch(/^analytics\./);
      // No markup and no entities: `chartWords(ctx.t)` draws the same words as `chartWords(ctx.label)`.
      for (const text of texts) expect(text).toMatch(/^[^<>&]+$/);
      expect(chartWords(translator(language))).toEqual(words);
    }
    expect(["kk", "ru", "en"].map((l) => chartWords(translatorOf(l as "kk")).language)).toEqual(["kk", "ru", "en"]);
  });
});
