import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { loadFonts } from "../letters/pdf-document.js";
import { CHART_FONT, CHART_WIDTH, COLOURS, figureCharts, type ChartName, type ChartWords } from "./charts.js";
import type { Figures } from "./figures.js";
import { fontMetrics, type FontMetrics } from "./font-metrics.js";

/**
 * vega, vega-lite and resvg, loaded when the first chart is drawn: every process that builds the bot
 * (each test file, the console) would otherwise pay for them at start, as with pdfkit.
 */
let libraries: Promise<{ vega: typeof import("vega"); vegaLite: typeof import("vega-lite"); resvg: typeof import("@resvg/resvg-js") }> | undefined;
function chartLibraries() {
  if (!libraries) {
    libraries = Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js"), loadFonts()]).then(([vega, vegaLite, resvg, fonts]) => {
      measureTextIn(vega, { regular: fontMetrics(fonts.regular), bold: fontMetrics(fonts.bold) });
      return { vega, vegaLite, resvg };
    });
    // A failed load (a platform without resvg's binary, say) is tried again by the next chart.
    libraries.catch(() => (libraries = undefined));
  }
  return libraries;
}

/** What vega reads of a text mark to measure it. */
interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number;
}

/**
 * Vega measures text with a canvas, which a server has not; else it guesses 0.8 em a letter, and
 * cuts "Нұрмағамбетов Ұлан Өмірұлы" that fits. It takes a measure of one's own (as vl-convert
 * gives it), so labels are laid out by the widths of DejaVu Sans, the font they are drawn in.
 */
function measureTextIn(vega: typeof import("vega"), fonts: { regular: FontMetrics; bold: FontMetrics }): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
    const bold = item.fontWeight === "bold" || item.fontWeight === "bolder" || Number(item.fontWeight) >= 600;
    const width = (bold ? fonts.bold : fonts.regular).width(text == null ? "" : String(text).trim(), size);
    // A label with a limit is drawn cut to it: as wide as the limit at most. Vega cuts a text while
    // its width is not below the limit, which this answers as the full width would.
    const limit = Number(item.limit);
    return limit > 0 ? Math.min(width, limit) : width;
  };
}

/** The DejaVu Sans files, resolved as the letters resolve them; resvg reads them itself. */
function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
}

/** A chart as SVG, drawn by vega without a browser or canvas. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await chartLibraries();
  const compiled = vegaLite.compile(spec, { logger: quietLogger(vega) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logLevel: vega.Warn, logger: quietLogger(vega) });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG to PNG with the embedded fonts only, so a machine without system fonts draws Kazakh letters. */
export async function svgToPng(svg: string, width = CHART_WIDTH): Promise<Buffer> {
  const { resvg } = await chartLibraries();
  const image = await resvg.renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: "width", value: width },
    background: COLOURS.background,
    logLevel: "off",
  });
  return image.asPng();
}

/** A Vega-Lite chart as a PNG image, `width` pixels wide (its own width unless told). */
export async function renderChart(spec: TopLevelSpec, options: { width?: number } = {}): Promise<Buffer> {
  const own = "width" in spec && typeof spec.width === "number" ? spec.width : CHART_WIDTH;
  return svgToPng(await chartSvg(spec), options.width ?? own);
}

/** The summary's charts as images for the chat, leaving out those with nothing to draw. */
export async function renderFigureCharts(figures: Figures, words: ChartWords): Promise<{ name: ChartName; png: Buffer }[]> {
  const images: { name: ChartName; png: Buffer }[] = [];
  for (const { name, spec } of figureCharts(figures, words)) if (spec) images.push({ name, png: await renderChart(spec) });
  return images;
}

/** Vega's warnings (a label cut short, say) are no concern of the chat; errors still throw. */
function quietLogger(vega: typeof import("vega")) {
  return vega.logger(vega.Error);
}
