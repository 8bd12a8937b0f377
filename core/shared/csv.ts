/** A cell: unquoted (trimmed, no quotes or commas inside) or quoted, where `""` stands for one quote. */
const CELL = /\s*(?:"((?:[^"]|"")*)"|([^,"]*))\s*(,|$)/y;

/** The cells of one line of a CSV file as spreadsheets save it; null when a quote is not closed or stray. */
export function csvCells(line: string): string[] | null {
  const cells: string[] = [];
  CELL.lastIndex = 0;
  for (;;) {
    const match = CELL.exec(line);
    if (!match) return null;
    const [, quoted, plain, separator] = match;
    cells.push(quoted !== undefined ? quoted.replaceAll('""', '"') : (plain ?? "").trim());
    if (separator === "") return cells;
  }
}
