import { appealIdByNumber } from "../../core/appeals/staff-view.js";
import { actorByTelegramId } from "../../core/people/users.js";
import { correctEntry } from "../../core/registry/correct.js";
import { addEntry, type EntryInput } from "../../core/registry/entries.js";
import { entryCard, entryIdByNumber, listEntries } from "../../core/registry/journal-view.js";
import { JOURNALS, type Journal } from "../../core/registry/kinds.js";
import { setRestricted } from "../../core/registry/restrict.js";
import type { Ctx } from "../../core/shared/context.js";
import { isDomainError } from "../../core/shared/errors.js";
import type { Actor } from "../../core/shared/roles.js";
import { formatDateTime } from "../../locales/format.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = [
  "registry add --as TELEGRAM_ID --journal J --correspondent TEXT --summary TEXT [--date YYYY-MM-DD] [--pages N] [--direction in|out --case-number X] [--dispatch post|courier|email|in_person|telegram [--post-number X] [--email ADDRESS]] [--reply-to NUMBER] [--appeal NUMBER]",
  "registry list --as TELEGRAM_ID --journal J [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]",
  "registry show --as TELEGRAM_ID NUMBER",
  "registry correct --as TELEGRAM_ID NUMBER --reason TEXT [--date D] [--correspondent TEXT] [--summary TEXT] [--pages N]",
  "registry restrict|unrestrict --as TELEGRAM_ID (NUMBER | --appeal APPEAL_NUMBER) --reason TEXT",
].join(" | ");

const OPTIONS = {
  as: { type: "string" },
  journal: { type: "string" },
  correspondent: { type: "string" },
  summary: { type: "string" },
  date: { type: "string" },
  pages: { type: "string" },
  direction: { type: "string" },
  "case-number": { type: "string" },
  dispatch: { type: "string" },
  "post-number": { type: "string" },
  email: { type: "string" },
  "reply-to": { type: "string" },
  appeal: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  limit: { type: "string" },
  reason: { type: "string" },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string>>;
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** The line as typed: the use case checks every field, so a wrong one is refused with its reason. */
async function entryOf(ctx: Ctx, actor: Actor, v: Values): Promise<EntryInput> {
  const dispatch = v.dispatch === undefined ? undefined : { method: v.dispatch, postNumber: v["post-number"], address: v.email };
  return {
    journal: v.journal as Journal,
    entryDate: v.date,
    direction: v.direction as "in" | "out" | undefined,
    correspondent: v.correspondent ?? "",
    summary: v.summary ?? "",
    pages: num(v.pages),
    dispatch: dispatch as EntryInput["dispatch"],
    courtCase: v["case-number"] === undefined ? undefined : { caseNumber: v["case-number"], court: v.correspondent ?? "" },
    replyToId: v["reply-to"] ? await entryIdByNumber(ctx, actor, v["reply-to"]) : undefined,
    appealId: v.appeal ? await appealIdByNumber(ctx, actor, v.appeal) : undefined,
  };
}

async function show(ctx: Ctx, actor: Actor, io: CliIo, number: string): Promise<void> {
  const card = await entryCard(ctx, actor, await entryIdByNumber(ctx, actor, number));
  io.out(`${card.number}  ${card.journal}  ${card.entryDate}${card.restricted ? "  ДСП" : ""}${card.erased ? "  personal data erased" : ""}`);
  io.out(`from/to: ${card.correspondent}`);
  io.out(`summary: ${card.summary}`);
  if (card.pages !== null) io.out(`pages: ${card.pages}`);
  if (card.direction) io.out(`direction: ${card.direction}`);
  if (card.courtCase) io.out(`court case: ${JSON.stringify(card.courtCase)}`);
  if (card.dispatch) io.out(`dispatch: ${JSON.stringify(card.dispatch)}`);
  for (const link of [card.appealNumber, card.controlNumber, card.replyToNumber]) if (link) io.out(`linked: ${link}`);
  if (card.caseIndex) io.out(`filed to: ${card.caseIndex} ${card.caseTitle ?? ""}`);
  for (const file of card.files) io.out(`file: ${file.fileName}`);
  for (const event of card.trail) io.out(`${formatDateTime(event.at)}  ${event.kind}${event.reason ? ` «${event.reason}»` : ""}${event.kind === "corrected" ? `  ${JSON.stringify(event.data)}` : ""}`);
}

async function run(ctx: Ctx, actor: Actor, io: CliIo, action: string, rest: string[], v: Values): Promise<number> {
  switch (action) {
    case "add": {
      const entry = await addEntry(ctx, actor, await entryOf(ctx, actor, v));
      io.out(`${entry.number} registered in ${entry.journal} on ${entry.entryDate}`);
      return 0;
    }
    case "list": {
      const { total, lines } = await listEntries(ctx, actor, { journal: v.journal as Journal, from: v.from, to: v.to, limit: num(v.limit) ?? 50 });
      io.out(`${v.journal}: ${total} lines${lines.length < total ? `, the newest ${lines.length} shown` : ""}`);
      for (const l of lines) io.out(`${l.number}  ${l.entryDate}  ${l.correspondent}  ${l.summary}${l.restricted ? "  ДСП" : ""}${l.erased ? "  erased" : ""}`);
      return 0;
    }
    case "show":
      await show(ctx, actor, io, rest[0]!);
      return 0;
    case "correct": {
      const entryId = await entryIdByNumber(ctx, actor, rest[0]!);
      const { changed } = await correctEntry(ctx, actor, { entryId, reason: v.reason ?? "", entryDate: v.date, correspondent: v.correspondent, summary: v.summary, pages: num(v.pages) });
      io.out(`${rest[0]} corrected: ${changed.join(", ")}`);
      return 0;
    }
    default: {
      const restricted = action === "restrict";
      const target = v.appeal ? { target: "appeal" as const, id: await appealIdByNumber(ctx, actor, v.appeal) } : { target: "entry" as const, id: await entryIdByNumber(ctx, actor, rest[0]!) };
      const { changed } = await setRestricted(ctx, actor, { ...target, restricted, reason: v.reason ?? "" });
      io.out(`${v.appeal ?? rest[0]}: ${changed ? (restricted ? "marked ДСП" : "ДСП mark lifted") : "already so, nothing changed"}`);
      return 0;
    }
  }
}

/** Which lines need a number after the action, and which journals the action names. */
const NEEDS_NUMBER: Record<string, boolean> = { add: false, list: false, show: true, correct: true, restrict: true, unrestrict: true };

export const registryCommand: CliCommand = {
  name: "registry",
  usage: USAGE,
  summary: "the registry's journals (Reg. 7.1.1–7.1.2): add, list, show, correct a line, mark ДСП — in a named registrar's name",
  async run(args, io) {
    const parsed = parseCommandLine(io, "registry", USAGE, args, OPTIONS);
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...rest] = positionals;
    if (!action || !(action in NEEDS_NUMBER)) return usageError(io, "registry", USAGE, `unknown action "${action ?? ""}"`);
    const byAppeal = (action === "restrict" || action === "unrestrict") && values.appeal !== undefined;
    if (rest.length !== (NEEDS_NUMBER[action] && !byAppeal ? 1 : 0)) return usageError(io, "registry", USAGE, NEEDS_NUMBER[action] ? "give one line number, like КХ-2026-000001" : "too many arguments");
    if ((action === "add" || action === "list") && !JOURNALS.includes(values.journal as Journal)) return usageError(io, "registry", USAGE, `--journal is one of ${JOURNALS.join(", ")}`);
    const telegramId = Number(values.as);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "registry", USAGE, "--as needs the Telegram id of the staff member doing it");
    return withCore(io.config, async (ctx) => {
      try {
        const actor = await actorByTelegramId(ctx, telegramId);
        if (!actor) {
          io.err("registry: no one with this Telegram id has used the bot");
          return 1;
        }
        return await run(ctx, actor, io, action, rest, values);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`registry ${action}: ${explain(error)}`);
        return 1;
      }
    });
  },
};
