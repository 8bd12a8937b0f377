import { describe, expect, it } from "vitest";
import { lineList } from "../../core/appeals/digest.js";
import { renderOutbox } from "../../bot/delivery/render-outbox.js";
import { MESSAGE_LIMIT } from "../../bot/delivery/split-message.js";

const lines = (from: number, count: number, dueOn: string) =>
  Array.from({ length: count }, (_, i) => ({ number: `ЖТ-2026-${String(from + i).padStart(6, "0")}`, dueOn }));

describe("an outbox message with several paragraphs", () => {
  it("renders a long digest in the staff member's language as messages that fit Telegram, every appeal once, no heading cut", () => {
    const overdue = lines(1, 150, "2026-03-20");
    const soon = lines(1001, 120, "2026-03-27");
    const parts = renderOutbox(
      {
        key: "staff.digest.title",
        params: { date: "26.03.2026" },
        fileIds: [],
        parts: [
          { key: "staff.digest.overdue", params: { count: overdue.length, list: lineList(overdue), days: 3 } },
          { key: "staff.digest.soon", params: { count: soon.length, list: lineList(soon), days: 3 } },
          { key: "staff.digest.footer", params: {} },
        ],
      },
      "kk",
    );
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(part.split("<b>").length).toBe(part.split("</b>").length);
    }
    const all = parts.join("\n");
    for (const line of [...overdue, ...soon]) expect(all.split(`${line.number} — `).length).toBe(2);
    expect(parts[0]).toMatch(/^☀️ <b>Мерзімдер бойынша таңғы шолу, 26\.03\.2026<\/b>\n\n🔴 <b>Мерзімі өтіп кеткен \(150\):<\/b>\nЖТ-2026-000001 — 20\.03\.2026/);
    expect(parts.at(-1)).toMatch(/Таңғы шолуды өшіру: \/digest$/);
  });
});
