import { formatDateTime } from "../../locales/format.js";
import { listUndelivered, retryUndelivered, type UndeliveredMessage } from "../../core/outbox/undelivered.js";
import { isDomainError } from "../../core/shared/errors.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "outbox list [--failed] | outbox retry (ID | --all)";
/** More than this is a matter for the counts in `status`, not for a screen of lines. */
const SHOWN = 200;

function line(m: UndeliveredMessage): string {
  const whom = m.recipient ? `${m.recipient.role} #${m.recipient.userId}${m.recipient.staffName ? ` ${m.recipient.staffName}` : ""}` : `chat ${m.chatId}`;
  const about = m.appealNumber ? ` ${m.appealNumber}` : "";
  const givenUp = m.failedAt ? `  given up ${formatDateTime(m.failedAt)}` : "";
  return `#${m.id}  ${m.state}  ${m.kind}${about}  to ${whom}  due ${formatDateTime(m.dueAt)}${givenUp}  tries ${m.attempts}  ${m.lastError ?? "not tried yet"}`;
}

export const outboxCommand: CliCommand = {
  name: "outbox",
  usage: USAGE,
  summary: "messages not delivered (waiting past their time, or given up) and sending given-up ones again",
  async run(args, io) {
    const parsed = parseCommandLine(io, "outbox", USAGE, args, { failed: { type: "boolean" }, all: { type: "boolean" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, id, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "outbox", USAGE, "too many arguments");

    if (action === "list") {
      if (id !== undefined || values.all) return usageError(io, "outbox", USAGE, "list takes only --failed");
      return withCore(io.config, async (ctx) => {
        const { total, messages } = await listUndelivered(ctx, CONSOLE_OPERATOR, { failedOnly: values.failed ?? false, limit: SHOWN });
        if (total === 0) io.out(values.failed ? "no given-up messages" : "every message due has been delivered");
        else io.out(`${total} ${values.failed ? "given up" : "undelivered"} (Asia/Almaty time; given up first, newest first, then waiting, oldest first)`);
        for (const message of messages) io.out(line(message));
        if (total > messages.length) io.out(`… and ${total - messages.length} more`);
        return 0;
      });
    }

    if (action !== "retry") return usageError(io, "outbox", USAGE, `unknown action "${action ?? ""}"`);
    const one = Number(id);
    if (Boolean(values.all) === (id !== undefined)) return usageError(io, "outbox", USAGE, "give either a message's ID or --all");
    if (!values.all && (!Number.isSafeInteger(one) || one < 1)) return usageError(io, "outbox", USAGE, "the ID is the number after # in outbox list");
    return withCore(io.config, async (ctx) => {
      try {
        const count = await retryUndelivered(ctx, CONSOLE_OPERATOR, values.all ? { all: true } : { id: one });
        io.out(`${count} ${count === 1 ? "message" : "messages"} back in the queue`);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`outbox retry: ${explain(error)}`);
        return 1;
      }
    });
  },
};
