import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { PassThrough, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { excelJs, styleHeaderRow } from "./workbook.js";

/** A workbook written as it is filled, a row at a time, so a year of rows never sits in memory. */
export interface XlsxStream {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  /** Call after each page of rows: waits while the compressor is behind (see `caughtUp`). */
  caughtUp(sheet: ExcelJS.Worksheet): Promise<void>;
  /** Writes the rest and waits until it is out; a stream that broke meanwhile fails it. */
  finish(): Promise<void>;
  /** Half a workbook is not left behind looking whole. */
  abort(): Promise<void>;
}

/** How much of a sheet's XML may wait for the compressor before the writer stops for it. */
const BACKLOG_BYTES = 4 * 1024 * 1024;

interface SheetPipe {
  _writableState?: { length: number };
  once(event: "drain", listener: () => void): unknown;
}

/**
 * Waits until the compressor has taken most of what a sheet's committed rows wrote. exceljs hands
 * each full buffer of a sheet's XML to the archive without heeding its answer, and a loop that adds
 * rows faster than zlib packs them (zlib takes one chunk per turn of the event loop) piles the whole
 * sheet up in memory; a writer that calls this after each page of rows keeps the pile to a few MB.
 * The archive's entry is reached through exceljs's internals; if they ever change shape, this waits
 * for nothing rather than failing the export.
 */
function caughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const entry = (sheet as unknown as { stream?: { pipes?: SheetPipe[] } }).stream?.pipes?.[0];
  const waiting = entry?._writableState?.length;
  if (entry === undefined || waiting === undefined || waiting <= BACKLOG_BYTES) return Promise.resolve();
  return new Promise<void>((resolve) => entry.once("drain", resolve));
}

/** The file is opened before anything is written: a folder that is not there is an error here, at once. */
async function openFile(file: string): Promise<Writable> {
  const stream = createWriteStream(file);
  await once(stream, "open");
  return stream;
}

/** A streaming workbook into `output` (a stream, or a file path). */
export async function openXlsx(output: Writable | string, created: Date): Promise<XlsxStream> {
  const Excel = await excelJs();
  const stream = typeof output === "string" ? await openFile(output) : output;
  // A stream that fails (a full disk, a closed upload) ends the export rather than leaving it waiting.
  const broken = new Promise<never>((_, reject) => stream.once("error", reject));
  broken.catch(() => {});
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Otinish";
  workbook.created = created;
  return {
    workbook,
    caughtUp: (sheet) => Promise.race([caughtUp(sheet), broken]),
    finish: () => Promise.race([workbook.commit(), broken]),
    async abort() {
      stream.destroy();
      if (typeof output === "string") await rm(output, { force: true });
    },
  };
}

/** A sheet whose header stays in view, printed landscape one page wide. */
export function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string): ExcelJS.Worksheet {
  return workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }], pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
}

/** The header row: bold, shaded, wrapped, with a filter over the table's columns. */
export function writeHeader(sheet: ExcelJS.Worksheet, titles: readonly string[], height = 30): void {
  const header = sheet.addRow([...titles]);
  styleHeaderRow(header, height);
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: titles.length } };
}

/** A workbook built in memory, for a chat that sends it as a document. */
export async function toBuffer<T>(write: (sink: Writable) => Promise<T>): Promise<{ result: T; buffer: Buffer }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const result = await write(sink);
  return { result, buffer: Buffer.concat(chunks) };
}
