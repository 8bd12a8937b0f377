import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../core/analytics/period.js";
import { noteFor, type PracticeFacts } from "../../core/analytics/practice-note.js";

/** Facts of a quarter with ДСП appeals among the subjects and the answers complained about. */
const facts: PracticeFacts = {
  period: parsePeriod("2026-Q4"),
  asOf: new Date("2027-01-04T04:30:00Z"),
  categories: [],
  restricted: 3,
  subjects: [
    { key: "алимен взыска", appeals: 3, repeated: 2, publicExample: "ЖТ-2026-000012", anyExample: "ЖТ-2026-000010" },
    { key: "судьи сведен", appeals: 2, repeated: 1, publicExample: null, anyExample: "ЖТ-2026-000020" },
  ],
  answers: [
    { number: "ЖТ-2026-000030", restricted: false, category: "general", outcome: "explained", unsatisfied: false, complaints: [{ number: "ЖТ-2026-000031", restricted: true }] },
    { number: "ЖТ-2026-000040", restricted: true, category: "judge_conduct", outcome: "refused", unsatisfied: true, complaints: [] },
  ],
};

describe("the practice note as a reader sees it", () => {
  it("shows an uncleared reader no ДСП number and no words of a subject only ДСП appeals have, while counting them", () => {
    const note = noteFor(facts, false);
    expect(note.subjects).toEqual([
      { key: "алимен взыска", appeals: 3, repeated: 2, example: "ЖТ-2026-000012" },
      { key: null, appeals: 2, repeated: 1, example: null },
    ]);
    expect(note.answers).toEqual({
      complained: 1,
      unsatisfied: 1,
      more: 0,
      lines: [
        { number: "ЖТ-2026-000030", category: "general", outcome: "explained", unsatisfied: false, complaints: [null] },
        { number: null, category: "judge_conduct", outcome: "refused", unsatisfied: true, complaints: [] },
      ],
    });
    expect(JSON.stringify(note)).not.toMatch(/000010|000020|000031|000040|судьи/);
  });

  it("shows a cleared reader every number, an ordinary appeal still preferred as a subject's example", () => {
    const note = noteFor(facts, true);
    expect(note.subjects.map((s) => [s.key, s.example])).toEqual([
      ["алимен взыска", "ЖТ-2026-000012"],
      ["судьи сведен", "ЖТ-2026-000020"],
    ]);
    expect(note.answers.lines.map((l) => [l.number, l.complaints])).toEqual([
      ["ЖТ-2026-000030", ["ЖТ-2026-000031"]],
      ["ЖТ-2026-000040", []],
    ]);
  });
});
