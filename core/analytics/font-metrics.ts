/**
 * Advance widths of a TrueType font, read from its `cmap` and `hmtx` tables: how wide a text is
 * drawn, so a chart lays its labels out for the font it is drawn in (without a canvas, vega
 * would guess 0.8 em a letter and cut labels that fit). Kerning is left out: a pixel or two on a label.
 */
export interface FontMetrics {
  /** The width of `text` at `size` pixels. */
  width(text: string, size: number): number;
}

interface Table {
  offset: number;
  length: number;
}

function tables(font: Buffer): Map<string, Table> {
  const found = new Map<string, Table>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    found.set(font.toString("latin1", at, at + 4), { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) });
  }
  return found;
}

function table(all: Map<string, Table>, tag: string): Table {
  const found = all.get(tag);
  if (!found) throw new Error(`font has no ${tag} table`);
  return found;
}

/** Code point → glyph index, from the Unicode subtable (format 12 for the full range, else format 4 for the BMP). */
function glyphIndex(font: Buffer, cmap: Table): (codePoint: number) => number {
  const count = font.readUInt16BE(cmap.offset + 2);
  const subtables: { platform: number; encoding: number; offset: number; format: number }[] = [];
  for (let i = 0; i < count; i++) {
    const at = cmap.offset + 4 + 8 * i;
    const offset = cmap.offset + font.readUInt32BE(at + 4);
    subtables.push({ platform: font.readUInt16BE(at), encoding: font.readUInt16BE(at + 2), offset, format: font.readUInt16BE(offset) });
  }
  const full = subtables.find((s) => s.platform === 3 && s.encoding === 10 && s.format === 12);
  if (full) {
    const groups = font.readUInt32BE(full.offset + 12);
    return (c) => {
      for (let i = 0; i < groups; i++) {
        const at = full.offset + 16 + 12 * i;
        const start = font.readUInt32BE(at);
        if (c >= start && c <= font.readUInt32BE(at + 4)) return font.readUInt32BE(at + 8) + (c - start);
      }
      return 0;
    };
  }
  const bmp = subtables.find((s) => (s.platform === 3 && s.encoding === 1) || s.platform === 0);
  if (!bmp || bmp.format !== 4) throw new Error("font has no Unicode cmap of format 4 or 12");
  const segments = font.readUInt16BE(bmp.offset + 6) / 2;
  const ends = bmp.offset + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (c) => {
    if (c > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (c > font.readUInt16BE(ends + 2 * i)) continue;
      const start = font.readUInt16BE(starts + 2 * i);
      if (c < start) return 0;
      const delta = font.readInt16BE(deltas + 2 * i);
      const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * i);
      if (rangeOffset === 0) return (c + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsets + 2 * i + rangeOffset + 2 * (c - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

export function fontMetrics(font: Buffer): FontMetrics {
  const all = tables(font);
  const unitsPerEm = font.readUInt16BE(table(all, "head").offset + 18);
  const longMetrics = font.readUInt16BE(table(all, "hhea").offset + 34);
  const hmtx = table(all, "hmtx");
  const glyphOf = glyphIndex(font, table(all, "cmap"));
  const advances = new Map<number, number>();
  const advance = (codePoint: number): number => {
    let units = advances.get(codePoint);
    if (units === undefined) {
      // Glyphs past the long metrics share the last advance (monospaced tails).
      const glyph = Math.min(glyphOf(codePoint), longMetrics - 1);
      units = font.readUInt16BE(hmtx.offset + 4 * glyph);
      advances.set(codePoint, units);
    }
    return units;
  };
  return {
    width(text, size) {
      let units = 0;
      for (const char of text) units += advance(char.codePointAt(0)!);
      return (units * size) / unitsPerEm;
    },
  };
}
