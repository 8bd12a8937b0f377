import type { DbOrTx } from "../../db/client.js";
import { labels, type Label } from "../../locales/index.js";
import type { AnswerLanguage } from "../appeals/kinds.js";
import { almatyDate, dottedDate } from "../calendar/dates.js";
import { loadLetterWords } from "../letters/letter-words.js";
import { drawDraftMark, loadFonts, pdfBytes, pdfKit } from "../letters/pdf-document.js";
import type { Language } from "../shared/roles.js";
import type { Period } from "./period.js";
import { NOTE_OUTCOMES, type CategoryLine, type NoteCategory, type PracticeNote } from "./practice-note.js";

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 15 * MM };
const SIZE = { letterhead: 11, title: 13, heading: 11, body: 10, table: 8 };
/** Ruled lines left for the sector's conclusions and proposals. */
const CONCLUSION_LINES = 12;
const CONCLUSION_LINE_GAP = 20;
/** The heading, the hint and the lines. */
const CONCLUSION_HEIGHT = CONCLUSION_LINES * CONCLUSION_LINE_GAP + 60;

/** The note is written in Kazakh or Russian; a reader of any other language gets the state language. */
export function noteLanguage(language: Language): AnswerLanguage {
  return language === "ru" ? "ru" : "kk";
}

const ROMAN = ["I", "II", "III", "IV"];

/** A period as an operator types it back: 2026-Q4, 2026-11, 2026, or 2026-10-01..2026-12-31. */
export function periodCode(period: Period): string {
  const [year, month] = period.from.split("-");
  if (period.kind === "quarter") return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
  if (period.kind === "month") return `${year}-${month}`;
  if (period.kind === "year") return year!;
  return `${period.from}..${period.to}`;
}

/** «2026 жылғы IV тоқсан (01.10.2026 – 31.12.2026)», or the dates alone for any other span. */
export function periodTitle(t: Label, period: Period): string {
  const dates = t("analytics.practice.period_dates", { from: dottedDate(period.from), to: dottedDate(period.to) });
  if (period.kind !== "quarter") return dates;
  const quarter = ROMAN[Math.floor((Number(period.from.slice(5, 7)) - 1) / 3)]!;
  return `${t("analytics.practice.quarter", { year: period.from.slice(0, 4), quarter })} (${dates})`;
}

interface Column {
  title: string;
  /** Share of the text width. */
  width: number;
  align?: "left" | "right" | "center";
}

/** A table that carries on over pages, its header repeated on each. */
function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][]): void {
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const widths = columns.map((c) => c.width * width);
  const line = (cells: string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(SIZE.table);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 })));
    const top = doc.y;
    let x = left;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 2, top + 2, { width: widths[i]! - 4, align: columns[i]!.align ?? "left" });
      x += widths[i]!;
    });
    doc.y = top + height + 4;
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(font === "bold" ? 0.8 : 0.3).stroke();
  };
  const header = () => line(columns.map((c) => c.title), "bold");
  const fits = (cells: string[]) => {
    doc.font("regular").fontSize(SIZE.table);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 })));
    return doc.y + height + 6 <= doc.page.height - MARGINS.bottom;
  };
  if (!fits(columns.map((c) => c.title))) doc.addPage();
  header();
  for (const row of rows) {
    if (!fits(row)) {
      doc.addPage();
      header();
    }
    line(row, "regular");
  }
  doc.x = left;
  doc.moveDown(0.8);
}

function words(t: Label) {
  const category = (c: NoteCategory) => (c === "none" ? t("analytics.practice.category_none") : t(`appeal.category.${c}`));
  const outcome = (o: string) => t(`analytics.practice.outcome.${o}`);
  const restricted = t("analytics.practice.restricted_mark");
  return { category, outcome, numbered: (n: string | null) => n ?? restricted };
}

/**
 * The draft note as a PDF in Kazakh or Russian: the department's letterhead, the title and
 * period, the tables of the note, and an empty «Conclusions and proposals» section for the sector
 * to write; every page carries the draft mark.
 */
export async function renderPracticeNote(db: DbOrTx, note: PracticeNote, language: AnswerLanguage): Promise<{ pdf: Buffer; fileName: string }> {
  const t = labels(language);
  const { category, outcome, numbered } = words(t);
  const letterhead = (await loadLetterWords(db, language)).letterhead;
  const title = t("analytics.practice.title");
  const { regular, bold } = await loadFonts();
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGINS,
    bufferPages: true,
    lang: language === "kk" ? "kk-KZ" : "ru-RU",
    displayTitle: true,
    info: { Title: `${title} — ${t("analytics.practice.draft_mark")}`, Subject: periodCode(note.period), Producer: "Otinish", Creator: "Otinish", CreationDate: note.asOf, ModDate: note.asOf },
  });
  const done = pdfBytes(doc);
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const paragraph = (text: string, options: PDFKit.Mixins.TextOptions = {}) => doc.font("regular").fontSize(SIZE.body).text(text, left, undefined, { width, lineGap: 1.5, ...options });
  const heading = (key: string) => {
    doc.moveDown(0.6);
    doc.font("bold").fontSize(SIZE.heading).text(t(`analytics.practice.heading.${key}`), left, undefined, { width });
    doc.moveDown(0.4);
  };
  const count = (n: number) => String(n);
  const locale = language === "kk" ? "kk-KZ" : "ru-RU";
  const share = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });

  doc.font("bold").fontSize(SIZE.letterhead);
  for (const line of letterhead.split(/\r?\n/)) doc.text(line, left, undefined, { width, align: "center" });
  const rule = doc.y + 4;
  doc.moveTo(left, rule).lineTo(left + width, rule).lineWidth(1).stroke();
  doc.y = rule + 14;
  doc.font("bold").fontSize(SIZE.title).text(title, left, undefined, { width, align: "center" });
  doc.font("regular").fontSize(SIZE.body).text(periodTitle(t, note.period), left, undefined, { width, align: "center" });
  doc.moveDown(0.8);
  paragraph(t("analytics.practice.draft_notice"), { oblique: true });
  paragraph(t("analytics.practice.prepared", { date: dottedDate(almatyDate(note.asOf)) }));
  doc.moveDown(0.4);
  paragraph(t("analytics.practice.summary", { total: note.total, repeated: note.repeated, restricted: note.restricted }));

  heading("categories");
  table(
    doc,
    [
      { title: t("analytics.practice.column.category"), width: 0.55 },
      { title: t("analytics.practice.column.appeals"), width: 0.15, align: "right" },
      { title: t("analytics.practice.column.share"), width: 0.15, align: "right" },
      { title: t("analytics.practice.column.repeated"), width: 0.15, align: "right" },
    ],
    [
      ...note.categories.map((c) => [category(c.category), count(c.appeals), note.total === 0 ? "—" : share.format((100 * c.appeals) / note.total), count(c.repeated)]),
      [t("analytics.practice.column.total"), count(note.total), note.total === 0 ? "—" : share.format(100), count(note.repeated)],
    ],
  );

  heading("subjects");
  paragraph(t("analytics.practice.subjects_hint"));
  doc.moveDown(0.4);
  if (note.subjects.length === 0) paragraph(t("analytics.practice.none"));
  else
    table(
      doc,
      [
        { title: "№", width: 0.06, align: "right" },
        { title: t("analytics.practice.column.subject"), width: 0.42 },
        { title: t("analytics.practice.column.appeals"), width: 0.15, align: "right" },
        { title: t("analytics.practice.column.repeated"), width: 0.15, align: "right" },
        { title: t("analytics.practice.column.example"), width: 0.22 },
      ],
      note.subjects.map((s, i) => [String(i + 1), s.key ?? t("analytics.practice.restricted_mark"), count(s.appeals), count(s.repeated), numbered(s.example)]),
    );

  heading("outcomes");
  // The most frequent outcome first: what is typical of a category reads from the top.
  const outcomes = (c: CategoryLine) =>
    NOTE_OUTCOMES.filter((o) => c.outcomes[o] > 0)
      .sort((a, b) => c.outcomes[b] - c.outcomes[a] || NOTE_OUTCOMES.indexOf(a) - NOTE_OUTCOMES.indexOf(b))
      .map((o) => `${outcome(o)} — ${c.outcomes[o]} (${percent.format(c.outcomes[o] / c.appeals)})`)
      .join("\n") || "—";
  table(
    doc,
    [
      { title: t("analytics.practice.column.category"), width: 0.32 },
      { title: t("analytics.practice.column.appeals"), width: 0.13, align: "right" },
      { title: t("analytics.practice.column.outcomes"), width: 0.55 },
    ],
    note.categories.map((c) => [category(c.category), count(c.appeals), outcomes(c)]),
  );

  heading("answers");
  paragraph(t("analytics.practice.answers_summary", { complained: note.answers.complained, unsatisfied: note.answers.unsatisfied }));
  doc.moveDown(0.4);
  if (note.answers.lines.length === 0) paragraph(t("analytics.practice.none"));
  else
    table(
      doc,
      [
        { title: t("analytics.practice.column.number"), width: 0.18 },
        { title: t("analytics.practice.column.category"), width: 0.21 },
        { title: t("analytics.practice.column.outcome"), width: 0.22 },
        { title: t("analytics.practice.column.rating"), width: 0.17 },
        { title: t("analytics.practice.column.complaint"), width: 0.22 },
      ],
      note.answers.lines.map((a) => [
        numbered(a.number),
        category(a.category),
        outcome(a.outcome),
        a.unsatisfied ? t("analytics.practice.yes") : "—",
        a.complaints.length === 0 ? "—" : a.complaints.map(numbered).join("\n"),
      ]),
    );
  if (note.answers.more > 0) paragraph(t("analytics.practice.more", { count: note.answers.more }));
  const hidden = note.subjects.some((s) => s.example === null) || note.answers.lines.some((a) => a.number === null || a.complaints.includes(null));
  if (hidden) paragraph(t("analytics.practice.restricted_hint"), { oblique: true });

  // The section the sector writes stays whole on one page, its heading with its lines.
  if (doc.y + CONCLUSION_HEIGHT > doc.page.height - MARGINS.bottom) doc.addPage();
  heading("conclusions");
  paragraph(t("analytics.practice.conclusions_hint"), { oblique: true });
  doc.moveDown(0.6);
  for (let i = 0; i < CONCLUSION_LINES; i++) {
    doc.y += CONCLUSION_LINE_GAP;
    doc.moveTo(left, doc.y).lineTo(left + width, doc.y).lineWidth(0.3).stroke();
  }

  const { start, count: pages } = doc.bufferedPageRange();
  for (let i = start; i < start + pages; i++) {
    doc.switchToPage(i);
    // Writing inside a margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    drawDraftMark(doc, t("analytics.practice.draft_mark"), { top: 8 * MM, right: MARGINS.right, fontSize: SIZE.heading });
    doc.fillColor("black");
  }
  doc.end();
  return { pdf: await done, fileName: `${t("analytics.practice.file_name", { period: periodCode(note.period) })}.pdf` };
}
