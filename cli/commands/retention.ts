import { actorByTelegramId } from "../../core/people/users.js";
import { approveAct, listActs } from "../../core/registry/destruction-acts.js";
import { eraseAct } from "../../core/registry/erase.js";
import { currentYear } from "../../core/registry/nomenclature.js";
import { dueForReview } from "../../core/registry/retention.js";
import { isDomainError } from "../../core/shared/errors.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "retention show [--year YYYY] | retention approve ACT_NUMBER --as TELEGRAM_ID";

export const retentionCommand: CliCommand = {
  name: "retention",
  usage: USAGE,
  summary: "destruction acts and what they hold; cases due for the expert review by a year's end; approve an act for the Head",
  async run(args, io) {
    const parsed = parseCommandLine(io, "retention", USAGE, args, { year: { type: "string" }, as: { type: "string" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, number, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "retention", USAGE, "too many arguments");
    if (action === "show" && number === undefined) {
      if (values.year !== undefined && !/^20\d\d$/.test(values.year)) return usageError(io, "retention", USAGE, `--year is four digits, like 2026, not "${values.year}"`);
      return show(values.year === undefined ? undefined : Number(values.year), io);
    }
    if (action !== "approve") return usageError(io, "retention", USAGE, `unknown action "${action ?? ""}"`);
    const telegramId = Number(values.as);
    if (number === undefined) return usageError(io, "retention", USAGE, "approve needs the act's number (see: retention show)");
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "retention", USAGE, "--as needs the Telegram id of the Head (or the deputy acting for the Head) who approved it");
    return approve(number, telegramId, io);
  },
};

async function show(year: number | undefined, io: CliIo): Promise<number> {
  return withCore(io.config, async (ctx) => {
    const acts = await listActs(ctx, CONSOLE_OPERATOR);
    if (acts.length === 0) io.out("no destruction acts");
    for (const a of acts) {
      const state = a.erasedAt ? `erased ${a.erasedAt.toISOString()}` : a.approvedAt ? "approved, erasure pending" : "drafted, awaiting approval";
      io.out(`${a.number}  ${state}`);
      for (const c of a.cases) io.out(`  ${c.year} ${c.index}  ${c.title}  ${c.retentionYears} years  appeals ${c.appeals}, journal lines ${c.entries}`);
    }
    const through = year ?? currentYear(ctx);
    const due = await dueForReview(ctx, CONSOLE_OPERATOR, through);
    io.out(due.length === 0 ? `no case not yet in an act has its term end by the end of ${through}` : `due for the expert review of value by the end of ${through}:`);
    for (const c of due) io.out(`  ${c.year} ${c.index}  ${c.title}  kept through ${c.keptThrough}  appeals ${c.appeals}, journal lines ${c.entries}`);
    return 0;
  });
}

async function approve(number: string, telegramId: number, io: CliIo): Promise<number> {
  return withCore(io.config, async (ctx) => {
    try {
      // Only someone who has used the bot: looking them up must not create a person.
      const approver = await actorByTelegramId(ctx, telegramId);
      if (!approver) {
        io.err("retention approve: no one with this Telegram id has used the bot");
        return 1;
      }
      const act = await approveAct(ctx, approver, { number });
      io.out(`${act.number} approved`);
      const erased = await eraseAct(ctx, act);
      io.out(`personal data erased: ${erased.appeals} appeals, ${erased.entries} journal lines, ${erased.files} files`);
      return 0;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      io.err(`retention approve: ${explain(error)}`);
      return 1;
    }
  });
}
