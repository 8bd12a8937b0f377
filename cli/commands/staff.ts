import { isDomainError } from "../../core/shared/errors.js";
import { STAFF_ROLES } from "../../core/shared/roles.js";
import { deactivateStaff } from "../../core/staff/deactivate.js";
import { setOfficialName } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { activeStaff, staffByTelegramId } from "../../core/staff/roster.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE =
  "staff list [--role R] [--unit CODE] | staff deactivate --telegram ID | staff name --telegram ID --surname S --first F [--patronymic P] --position-kk T --position-ru T [--phone N]";

/** A refusal of the core as one line for the operator, exit code 1; anything else is a bug and is thrown. */
function refused(io: CliIo, action: string, error: unknown, hint = ""): number {
  if (!isDomainError(error)) throw error;
  io.err(`staff ${action}: ${explain(error)}${error.code === "invalid_input" ? hint : ""}`);
  return 1;
}

export const staffCommand: CliCommand = {
  name: "staff",
  usage: USAGE,
  summary: "active staff by unit; end a departed person's access; an official name, position and phone as letters print them",
  async run(args, io) {
    const parsed = parseCommandLine(io, "staff", USAGE, args, {
      role: { type: "string" },
      unit: { type: "string" },
      telegram: { type: "string" },
      surname: { type: "string" },
      first: { type: "string" },
      patronymic: { type: "string" },
      "position-kk": { type: "string" },
      "position-ru": { type: "string" },
      phone: { type: "string" },
    });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "staff", USAGE, "too many arguments");

    if (action === "list") {
      const role = values.role === undefined ? undefined : STAFF_ROLES.find((r) => r === values.role);
      if (values.role !== undefined && !role) return usageError(io, "staff", USAGE, `--role needs one of ${STAFF_ROLES.join(", ")}`);
      return withCore(io.config, async (ctx) => {
        try {
          const rows = await activeStaff(ctx, CONSOLE_OPERATOR, { role, unitCode: values.unit });
          if (rows.length === 0) io.out("no active staff");
          for (const s of rows) io.out(`${s.telegramId}  ${s.role}  ${s.unitCode ?? "-"}  ${s.name}`);
          return 0;
        } catch (error) {
          return refused(io, "list", error);
        }
      });
    }

    if (action !== "deactivate" && action !== "name") return usageError(io, "staff", USAGE, `unknown action "${action ?? ""}"`);
    const telegramId = Number(values.telegram);
    if (!/^[1-9]\d*$/.test(values.telegram ?? "") || !Number.isSafeInteger(telegramId)) return usageError(io, "staff", USAGE, "--telegram needs the person's Telegram id (see: staff list)");

    if (action === "name") {
      const { surname, first, patronymic, phone } = values;
      const positionKk = values["position-kk"];
      const positionRu = values["position-ru"];
      if (!surname || !first || !positionKk || !positionRu) return usageError(io, "staff", USAGE, "--surname, --first, --position-kk and --position-ru are needed");
      return withCore(io.config, async (ctx) => {
        try {
          const named = await setOfficialName(ctx, CONSOLE_OPERATOR, { telegramId, surname, firstName: first, patronymic, positionKk, positionRu, phone });
          io.out(`letters now sign as «${named.signature}»`);
          return 0;
        } catch (error) {
          return refused(io, "name", error, " (names are letters; positions 2–200 characters; a phone is digits, spaces, +, (, ) and -)");
        }
      });
    }

    return withCore(io.config, async (ctx) => {
      try {
        const person = await staffByTelegramId(ctx, CONSOLE_OPERATOR, telegramId);
        const { returned } = await deactivateStaff(ctx, CONSOLE_OPERATOR, { userId: person.userId });
        io.out(`${telegramId} (${person.name}): access ended; their staff buttons and commands now say so`);
        io.out(returned.length === 0 ? "no open appeals to return" : `returned to the queue, the registrars told: ${returned.join(", ")}`);
        return 0;
      } catch (error) {
        return refused(io, "deactivate", error);
      }
    });
  },
};
