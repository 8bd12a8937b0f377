import type { ExportWords } from "../core/registry/export-columns.js";
import { labels } from "./index.js";

const plain = { kk: labels("kk"), ru: labels("ru") };

/** The journal workbook's words (`export_xlsx.*`), for whoever asks the core for one: the chat or the console. */
export const journalWords: ExportWords = (language, key) => plain[language](`export_xlsx.${key}`);
