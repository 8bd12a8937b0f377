import { setOfficialName } from "../../core/staff/official-name.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "staff name --telegram ID --surname S --first F [--patronymic P] --position-kk T --position-ru T [--phone N]";

/** Official names for letters: «Б. Исабеков» under the position, and the executor's phone. */
export const staffCommand: CliCommand = {
  name: "staff",
  usage: USAGE,
  summary: "a staff member's official name, position (kk, ru) and phone, as letters print them",
  async run(args, io) {
    const parsed = parseCommandLine(io, "staff", USAGE, args, {
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
    if (positionals[0] !== "name" || positionals.length > 1) return usageError(io, "staff", USAGE, `unknown action "${positionals.join(" ")}"`);
    const telegramId = Number(values.telegram);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "staff", USAGE, "--telegram needs the staff member's Telegram id");
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
        if (!isDomainError(error)) throw error;
        const hint = error.code === "invalid_input" ? " (names are letters; positions 2–200 characters; a phone is digits, spaces, +, (, ) and -)" : "";
        io.err(`staff name: ${explain(error)}${hint}`);
        return 1;
      }
    });
  },
};
