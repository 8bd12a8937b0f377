import type { Actor } from "../../core/shared/roles.js";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { receiveUpload } from "../../core/appeals/attachments.js";
import { ANSWER_LANGUAGES, APPEAL_TYPES } from "../../core/appeals/kinds.js";
import { PAPER_CHANNELS, registerPaperAppeal, reissuePaperReceipt, type PaperInput, type PaperReceipt } from "../../core/appeals/paper-register.js";
import { renderPaperReceipt } from "../../core/letters/paper-receipt.js";
import { actorByTelegramId } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE =
  "paper register --as TELEGRAM_ID --name NAME [--iin IIN | --bin BIN --organization ORG] --address ADDRESS " +
  `--type ${APPEAL_TYPES.join("|")} --language kk|ru [--channel paper|email] (--text TEXT | --scan FILE) --pdf FILE [--bot USERNAME] | ` +
  "paper receipt --as TELEGRAM_ID --number NUMBER --pdf FILE [--bot USERNAME]";
/** The sandbox's bot (bot/app.ts); a real bot's username is not in the configuration. */
const SANDBOX_BOT_USERNAME = "otinish_demo_bot";
const TEXT_OPTIONS = ["as", "name", "iin", "bin", "organization", "address", "type", "language", "channel", "text", "scan", "pdf", "bot", "number"] as const;

type Values = Partial<Record<(typeof TEXT_OPTIONS)[number], string>>;

/**
 * `npm run cli -- paper …`: the Document Flow sector registers a paper or e-mailed appeal from a desk,
 * in the name of a registrar, and gets the printable receipt as a PDF file; `receipt` prints a new
 * one for an appeal whose paper was lost. The same rules as in chat: the core decides.
 */
export const paperCommand: CliCommand = {
  name: "paper",
  usage: USAGE,
  summary: "paper and e-mailed appeals (Reg. 7.1.5): register one and print its receipt with the QR code",
  async run(args, io) {
    const options = Object.fromEntries(TEXT_OPTIONS.map((o) => [o, { type: "string" as const }]));
    const parsed = parseCommandLine(io, "paper", USAGE, args, options);
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed as { positionals: string[]; values: Values };
    const [action, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "paper", USAGE, "too many arguments");
    if (action !== "register" && action !== "receipt") return usageError(io, "paper", USAGE, `unknown action "${action ?? ""}"`);
    const telegramId = Number(values.as);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "paper", USAGE, "--as needs the Telegram id of the registrar doing it");
    if (!values.pdf) return usageError(io, "paper", USAGE, "--pdf needs the file to write the receipt to");
    if (action === "receipt" && !values.number) return usageError(io, "paper", USAGE, "--number needs the appeal's registration number");
    if (action === "register" && !values.text && !values.scan) return usageError(io, "paper", USAGE, "give the appeal's --text, its --scan, or both");
    const bot = values.bot ?? (io.config.botToken === undefined ? SANDBOX_BOT_USERNAME : undefined);
    if (!bot) return usageError(io, "paper", USAGE, "--bot needs your bot's username (without @): the receipt's link names it");

    return withCore(io.config, async (ctx) => {
      try {
        const registrar = await actorByTelegramId(ctx, telegramId);
        if (!registrar) {
          io.err("paper: no one with this Telegram id has used the bot");
          return 1;
        }
        const receipt = action === "receipt" ? await reissuePaperReceipt(ctx, registrar, { number: values.number! }) : await register(ctx, registrar, values);
        await printReceipt(ctx, io, receipt, bot, values.pdf!);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`paper ${action}: ${explain(error)}`);
        return 1;
      }
    });
  },
};

async function register(ctx: Ctx, registrar: Actor, values: Values): Promise<PaperReceipt> {
  const fileIds = values.scan ? [(await receiveUpload(ctx, registrar, { source: createReadStream(values.scan), fileName: path.basename(values.scan), telegramFileId: null })).id] : [];
  const applicant: PaperInput["applicant"] =
    values.bin !== undefined || values.organization !== undefined
      ? { kind: "legal", fullName: values.name ?? "", bin: values.bin ?? "", organization: values.organization ?? "" }
      : { kind: "individual", fullName: values.name ?? "", iin: values.iin ?? null };
  return registerPaperAppeal(ctx, registrar, {
    draftId: randomUUID(),
    channel: (values.channel ?? "paper") as (typeof PAPER_CHANNELS)[number],
    applicant,
    postalAddress: values.address ?? "",
    type: values.type as (typeof APPEAL_TYPES)[number],
    language: values.language as (typeof ANSWER_LANGUAGES)[number],
    text: values.text ?? "",
    fileIds,
  });
}

async function printReceipt(ctx: Ctx, io: Pick<CliIo, "out">, receipt: PaperReceipt, bot: string, file: string): Promise<void> {
  const { pdf, link } = await renderPaperReceipt(ctx.db, receipt, bot, ctx.clock.now());
  await writeFile(file, pdf);
  io.out(`${receipt.number}: received ${receipt.receivedAt.toISOString()}, registered ${receipt.registeredOn}, due ${receipt.dueOn}`);
  io.out(`receipt written to ${file}; its link works once, until ${receipt.expiresAt.toISOString()}`);
  io.out(link);
}
