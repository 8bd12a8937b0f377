import type { Config, TopLevelSpec } from "vega-lite";
import { dottedDate } from "../calendar/dates.js";
import type { Figures } from "./figures.js";
import { FINAL_OUTCOMES, type FinalOutcome } from "./measures.js";

/**
 * The words on the charts, in the reader's language. The caller translates (core has no i18next):
 * `chartWords(t)` in `chart-words.ts` fills this from `analytics.chart.*`.
 */
export interface ChartWords {
  /**
   * The reader's language: numbers are written its way (95,1 % or 95.1%), and a unit is named in
   * Kazakh for a Kazakh reader, in Russian otherwise (units have no English names).
   */
  language: "kk" | "ru" | "en";
  title: { weekly: string; outcomes: string; onTime: string; load: string };
  axis: { week: string; appeals: string; onTimePercent: string; openAppeals: string };
  outcome: Record<FinalOutcome, string>;
  load: { withinDeadline: string; overdue: string };
  /** "Total", before a number in a subtitle. */
  total: string;
  /** The line of appeals that no unit holds. */
  noUnit: string;
  /** The load chart's subtitle: open appeals as they are now, not over the period. */
  now: string;
}

/** The four charts of a summary, in the order the chat shows them. */
export const CHART_NAMES = ["weekly", "outcomes", "on_time", "load"] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** The whole image, title and axes included; 16:9 reads well on a phone. */
export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 450;
/** Every text; the PNG renderer embeds these files, so the chart needs no system fonts. */
export const CHART_FONT = "DejaVu Sans";

/** A fixed palette, told apart also by colour-blind readers (Okabe–Ito), on white. */
export const COLOURS = {
  background: "#FFFFFF",
  ink: "#1F2328",
  muted: "#57606A",
  grid: "#E1E4E8",
  axis: "#8C959F",
  blue: "#0072B2",
  green: "#009E73",
  vermilion: "#D55E00",
  orange: "#E69F00",
  sky: "#56B4E9",
  purple: "#CC79A7",
  grey: "#7A7A7A",
} as const;

/** One colour per outcome, so the same outcome looks the same in every summary. */
export const OUTCOME_COLOURS: Record<FinalOutcome, string> = {
  satisfied: COLOURS.green,
  explained: COLOURS.blue,
  refused: COLOURS.vermilion,
  left_without_review: COLOURS.grey,
  forwarded: COLOURS.purple,
  withdrawn: COLOURS.orange,
};
export const WEEKLY_COLOUR = COLOURS.blue;
export const ON_TIME_COLOUR = COLOURS.green;
export const LOAD_COLOURS = { withinDeadline: COLOURS.sky, overdue: COLOURS.vermilion } as const;

/** Long names of sectors and people fit in this much of the width before an ellipsis. */
const LABEL_LIMIT = 300;
/** Whole appeals, at most about eight ticks (an axis of 0–18 by ones crowds its last labels). */
const COUNT_AXIS = { tickMinStep: 1, tickCount: 8 };
/** The plot's size once titles and axes are drawn, roughly: enough to size the bars. */
const PLOT = { width: 680, height: 300 };

/** A bar's thickness: three quarters of its row, and no slab when there are one or two rows. */
function barSize(rows: number, length: number, widest: number): number {
  return Math.max(2, Math.min(widest, Math.floor((length / rows) * 0.75)));
}

/** More bars than this, and numbers over each bar would crowd; the axis tells then. */
const MAX_LABELLED_WEEKS = 16;

const CONFIG = {
  font: CHART_FONT,
  background: COLOURS.background,
  view: { stroke: null },
  title: { fontSize: 22, fontWeight: "bold", color: COLOURS.ink, anchor: "start", offset: 14, subtitleFontSize: 15, subtitleColor: COLOURS.muted, subtitlePadding: 6 },
  axis: {
    labelFontSize: 14,
    titleFontSize: 15,
    titleFontWeight: "normal",
    labelColor: COLOURS.ink,
    titleColor: COLOURS.ink,
    gridColor: COLOURS.grid,
    domainColor: COLOURS.axis,
    tickColor: COLOURS.axis,
    titlePadding: 10,
  },
  legend: { orient: "top", labelFontSize: 14, symbolSize: 200, symbolType: "square", labelColor: COLOURS.ink, title: null },
  text: { fontSize: 14, color: COLOURS.ink },
} satisfies Config;

type Spec = TopLevelSpec;
/** vega-lite exports only the top-level type; the parts are read from it. */
type LayerSpec = Extract<Spec, { layer: unknown }>;
type Layer = LayerSpec["layer"][number];
type Encoding = NonNullable<Extract<Layer, { mark: unknown }>["encoding"]>;
type Frame = Pick<LayerSpec, "$schema" | "title" | "width" | "height" | "autosize" | "padding" | "background" | "config">;

/** The language's decimal and thousands separators, for the numbers vega writes (axis ticks, bar labels). */
function numberLocale(language: ChartWords["language"]) {
  const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
  const part = (type: string, otherwise: string) => parts.find((p) => p.type === type)?.value ?? otherwise;
  return { decimal: part("decimal", "."), thousands: part("group", ","), grouping: [3], currency: ["", ""] as [string, string] };
}

/** A share to a tenth of a percent, rounded down: 100 % only when nothing was late. */
function share(language: ChartWords["language"], value: number): string {
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(percent(value) / 100);
}

function count(language: ChartWords["language"], value: number): string {
  return new Intl.NumberFormat(language).format(value);
}

function frame(words: ChartWords, title: string, subtitle: string): Frame {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: { text: title, subtitle },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    padding: 16,
    background: COLOURS.background,
    config: { ...CONFIG, locale: { number: numberLocale(words.language) } },
  };
}

function periodText(figures: Figures): string {
  return `${dottedDate(figures.period.from)}–${dottedDate(figures.period.to)}`;
}

/** Percent to a tenth, rounded down (999 of 1000 is 99.9, not 100); the bars and their labels agree. */
function percent(share: number): number {
  return Math.floor(Math.round(share * 1e7) / 1e4) / 10;
}

/**
 * Rows by position (`key`), labelled from the `names` parameter: two sectors or people named alike
 * stay two bars.
 */
function namedRows(): Encoding["y"] {
  return { field: "key", type: "ordinal", sort: null, title: null, axis: { labelExpr: "names[datum.value]", labelLimit: LABEL_LIMIT } };
}

/** (a) Appeals received per week, a bar for each week the period touches (its Monday, as dd.mm). */
export function weeklyChart(figures: Figures, words: ChartWords): Spec | null {
  const values = figures.weekly.map((w) => ({ week: w.week, received: w.received }));
  const total = values.reduce((sum, w) => sum + w.received, 0);
  if (total === 0) return null;
  const x: Encoding["x"] = {
    field: "week",
    type: "ordinal",
    sort: null,
    title: words.axis.week,
    axis: { labelExpr: "substring(datum.value, 8, 10) + '.' + substring(datum.value, 5, 7)", labelAngle: values.length > MAX_LABELLED_WEEKS ? -45 : 0, labelOverlap: "parity" },
  };
  const y: Encoding["y"] = { field: "received", type: "quantitative", title: words.axis.appeals, axis: COUNT_AXIS };
  return {
    ...frame(words, words.title.weekly, `${periodText(figures)} · ${words.total}: ${count(words.language, total)}`),
    data: { values },
    layer: [
      { mark: { type: "bar", color: WEEKLY_COLOUR, cornerRadiusEnd: 2, size: barSize(values.length, PLOT.width, 64) }, encoding: { x, y } },
      ...(values.length <= MAX_LABELLED_WEEKS
        ? [{ mark: { type: "text", baseline: "bottom", dy: -4 }, encoding: { x, y, text: { field: "received", type: "quantitative" } } } satisfies Layer]
        : []),
    ],
  };
}

/** (b) How the appeals decided in the period ended, every outcome in a fixed order and colour. */
export function outcomesChart(figures: Figures, words: ChartWords): Spec | null {
  const values = FINAL_OUTCOMES.map((outcome) => ({ outcome, label: words.outcome[outcome], appeals: figures.closed.outcome[outcome] ?? 0 }));
  const total = values.reduce((sum, v) => sum + v.appeals, 0);
  if (total === 0) return null;
  const y: Encoding["y"] = { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: LABEL_LIMIT } };
  const x: Encoding["x"] = { field: "appeals", type: "quantitative", title: words.axis.appeals, axis: COUNT_AXIS };
  return {
    ...frame(words, words.title.outcomes, `${periodText(figures)} · ${words.total}: ${count(words.language, total)}`),
    data: { values },
    layer: [
      {
        mark: { type: "bar", cornerRadiusEnd: 2, size: barSize(values.length, PLOT.height, 40) },
        encoding: {
          y,
          x,
          color: { field: "outcome", type: "nominal", scale: { domain: [...FINAL_OUTCOMES], range: FINAL_OUTCOMES.map((o) => OUTCOME_COLOURS[o]) }, legend: null },
        },
      },
      { mark: { type: "text", align: "left", dx: 5 }, encoding: { y, x, text: { field: "appeals", type: "quantitative" } } },
    ],
  };
}

/** (c) The share decided on time in each unit that decided anything in the period, 0–100 %. */
export function onTimeChart(figures: Figures, words: ChartWords): Spec | null {
  const values = figures.units
    .filter((u) => u.onTime + u.late > 0)
    .map((u, i) => {
      const decided = u.onTime + u.late;
      const name = u.name === null ? words.noUnit : u.name[words.language === "kk" ? "kk" : "ru"];
      return { key: i, name, rate: percent(u.onTime / decided), text: `${share(words.language, u.onTime / decided)} (${count(words.language, u.onTime)}/${count(words.language, decided)})` };
    });
  if (values.length === 0) return null;
  const rate = figures.closed.onTimeRate;
  const y = namedRows();
  const x: Encoding["x"] = { field: "rate", type: "quantitative", title: words.axis.onTimePercent, scale: { domain: [0, 100], nice: false }, axis: { values: [0, 20, 40, 60, 80, 100] } };
  return {
    ...frame(words, words.title.onTime, `${periodText(figures)}${rate === null ? "" : ` · ${words.total}: ${share(words.language, rate)}`}`),
    params: [{ name: "names", value: values.map((v) => v.name) }],
    data: { values },
    layer: [
      { mark: { type: "bar", color: ON_TIME_COLOUR, cornerRadiusEnd: 2, size: barSize(values.length, PLOT.height, 40) }, encoding: { y, x } },
      { mark: { type: "text", align: "left", dx: 5 }, encoding: { y, x, text: { field: "text", type: "nominal" } } },
    ],
  };
}

/** (d) Open appeals each reviewer holds now, those past their deadline stacked first. */
export function loadChart(figures: Figures, words: ChartWords): Spec | null {
  const people = figures.load.filter((r) => r.open > 0);
  if (people.length === 0) return null;
  // The legend shows the colour field's values, so the field holds the translated words.
  const parts = [
    { part: "overdue", label: words.load.overdue, colour: LOAD_COLOURS.overdue },
    { part: "within", label: words.load.withinDeadline, colour: LOAD_COLOURS.withinDeadline },
  ] as const;
  const values = people.flatMap((r, key) =>
    parts.map((p, order) => ({ key, part: p.label, order, appeals: p.part === "overdue" ? r.overdue : r.open - r.overdue, open: r.open })),
  );
  const names = people.map((r) => r.name);
  const y = namedRows();
  const open = people.reduce((sum, r) => sum + r.open, 0);
  const overdue = people.reduce((sum, r) => sum + r.overdue, 0);
  return {
    ...frame(words, words.title.load, `${words.now} · ${words.total}: ${count(words.language, open)} (${words.load.overdue.toLocaleLowerCase(words.language)}: ${count(words.language, overdue)})`),
    params: [{ name: "names", value: names }],
    data: { values },
    layer: [
      {
        mark: { type: "bar", size: barSize(people.length, PLOT.height, 40) },
        encoding: {
          y,
          x: { field: "appeals", type: "quantitative", stack: "zero", title: words.axis.openAppeals, axis: COUNT_AXIS },
          color: {
            field: "part",
            type: "nominal",
            scale: { domain: parts.map((p) => p.label), range: parts.map((p) => p.colour) },
            legend: {},
          },
          order: { field: "order", type: "quantitative" },
        },
      },
      {
        transform: [{ filter: "datum.order == 0" }],
        mark: { type: "text", align: "left", dx: 5 },
        encoding: { y, x: { field: "open", type: "quantitative" }, text: { field: "open", type: "quantitative" } },
      },
    ],
  };
}

/** Each chart of a summary with its name; null where there is nothing to draw. */
export function figureCharts(figures: Figures, words: ChartWords): { name: ChartName; spec: Spec | null }[] {
  return [
    { name: "weekly", spec: weeklyChart(figures, words) },
    { name: "outcomes", spec: outcomesChart(figures, words) },
    { name: "on_time", spec: onTimeChart(figures, words) },
    { name: "load", spec: loadChart(figures, words) },
  ];
}
