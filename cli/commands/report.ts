import { type CliCommand, usageError } from "../command.js";
import { reportLegalStatsCommand } from "./report-legal-stats.js";
import { reportPracticeCommand } from "./report-practice.js";
import { reportWorkbookCommand } from "./report-workbook.js";

/** Each report is its own command file; `report <name> …` hands the rest of the line to it. */
const reports: CliCommand[] = [reportLegalStatsCommand, reportPracticeCommand, reportWorkbookCommand];

const USAGE = `report ${reports.map((r) => r.name).join("|")} …`;

export const reportCommand: CliCommand = {
  name: "report",
  usage: USAGE,
  summary: `periodic reports: ${reports.map((r) => `${r.name} (${r.summary})`).join("; ")}`,
  async run(args, io) {
    const [name, ...rest] = args;
    const report = reports.find((r) => r.name === name);
    if (!report) return usageError(io, "report", reports.map((r) => r.usage).join(" | "), name === undefined ? "name the report" : `unknown report "${name}"`);
    return report.run(rest, io);
  },
};
