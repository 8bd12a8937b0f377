import { parseArgs } from "node:util";
import { APPEAL_TYPES } from "../../core/appeals/kinds.js";
import { loadCalendar } from "../../core/calendar/calendar-store.js";
import { isIsoDate } from "../../core/calendar/dates.js";
import { deadline, loadPolicy, registrationDate, type DeadlineKind } from "../../core/calendar/deadlines.js";
import { yearsWithoutRows } from "../../core/calendar/working-days.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, usageError } from "../command.js";
import { withCore } from "../open-core.js";

const KINDS: readonly DeadlineKind[] = ["review", "forward"];
const USAGE = "deadline --received YYYY-MM-DD --type TYPE [--kind review|forward]";

export const deadlineCommand: CliCommand = {
  name: "deadline",
  usage: USAGE,
  summary: "the deadline of an appeal received on a date (the date alone on the last line)",
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args,
        options: { received: { type: "string" }, type: { type: "string" }, kind: { type: "string", default: "review" } },
      }));
    } catch (error) {
      return usageError(io, "deadline", USAGE, (error as Error).message);
    }
    const { received, type, kind } = values;
    if (received === undefined || !isIsoDate(received)) return usageError(io, "deadline", USAGE, "--received needs a real date as YYYY-MM-DD");
    if (type === undefined || !(APPEAL_TYPES as readonly string[]).includes(type))
      return usageError(io, "deadline", USAGE, `--type needs one of ${APPEAL_TYPES.join(", ")}`);
    const deadlineKind = KINDS.find((k) => k === kind);
    if (!deadlineKind) return usageError(io, "deadline", USAGE, "--kind is review or forward");

    return withCore(io.config, async (ctx) => {
      let policy;
      try {
        policy = await loadPolicy(ctx.db, type);
      } catch (error) {
        if (!isDomainError(error) || error.code !== "policy_missing") throw error;
        io.err(`deadline: the deadline_policies table has no row for "${type}"`);
        return 1;
      }
      const calendar = await loadCalendar(ctx.db);
      const registered = registrationDate(calendar, received);
      const due = deadline(calendar, policy, received, deadlineKind);
      io.out(registered === received ? `received and registered on ${received}` : `received on ${received}, a day off: registered on ${registered}, the next working day`);
      const days = deadlineKind === "review" ? policy.reviewWorkingDays : policy.forwardWorkingDays;
      io.out(`policy for ${type}: ${deadlineKind === "review" ? "review" : "forwarding"} within ${days} working days, counted from the day after registration`);
      for (const year of yearsWithoutRows(calendar, received, due))
        io.err(`warning: the calendar has no rows for ${year}, so only weekends were counted as days off in it`);
      io.out(due);
      return 0;
    });
  },
};

