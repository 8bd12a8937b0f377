import { describe, expect, it } from "vitest";
import { parseCalendarFile } from "../../core/calendar/calendar-file.js";
import { isDomainError } from "../../core/shared/errors.js";

function refusal(text: string, format: "csv" | "json"): { code: string; params: Record<string, unknown> } {
  try {
    parseCalendarFile(text, format);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error("was accepted");
}

describe("calendar files", () => {
  it("reads CSV cells as written, numbering rows as the file's lines", () => {
    const text = '\uFEFFDate, Working ,Note\r\n2027-01-01,false,New Year\r\n\r\n 2027-01-09 , working ,"worked, for ""Friday"" 8 January"\r\n2027-01-08,0\r\n';
    expect(parseCalendarFile(text, "csv")).toEqual([
      { row: 2, date: "2027-01-01", working: "false", note: "New Year" },
      { row: 4, date: "2027-01-09", working: "working", note: 'worked, for "Friday" 8 January' },
      { row: 5, date: "2027-01-08", working: "0", note: "" },
    ]);
  });

  it("refuses a CSV without the header, with a cell too many or a stray quote", () => {
    expect(refusal("2027-01-01,false,New Year\n", "csv")).toEqual({ code: "calendar_csv_header", params: { expected: "date,working,note", found: "2027-01-01,false,New Year" } });
    expect(refusal("date,working,note\n2027-01-01,false,New,Year\n", "csv")).toEqual({ code: "calendar_csv_columns", params: { row: 2, found: 4 } });
    expect(refusal('date,working,note\n2027-01-01,false,"New Year\n', "csv")).toEqual({ code: "calendar_csv_quote", params: { row: 2 } });
    expect(refusal('date,working,note\n2027-01-01,false,Women"s Day\n', "csv")).toEqual({ code: "calendar_csv_quote", params: { row: 2 } });
  });

  it("reads a JSON array, numbering entries from 1, and refuses anything else", () => {
    expect(parseCalendarFile('[{"date":"2027-01-01","working":false,"note":"New Year"},{"date":"2027-01-09","working":true}]', "json")).toEqual([
      { row: 1, date: "2027-01-01", working: false, note: "New Year" },
      { row: 2, date: "2027-01-09", working: true, note: undefined },
    ]);
    expect(refusal("[{", "json").code).toBe("calendar_json_syntax");
    expect(refusal('{"date":"2027-01-01"}', "json").code).toBe("calendar_json_not_array");
    expect(refusal('[{"date":"2027-01-01","working":false},"2027-01-02"]', "json")).toEqual({ code: "calendar_json_entry", params: { row: 2 } });
    expect(refusal('[{"date":"2027-01-01","working":false,"notes":"New Year"}]', "json")).toEqual({ code: "calendar_json_entry", params: { row: 1 } });
  });
});
