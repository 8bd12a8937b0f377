import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { addUnit, listUnits, UNIT_KINDS } from "../../core/staff/units.js";
import { isDomainError } from "../../core/shared/errors.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "unit list | unit add --code C --kind K --name-kk … --name-ru … [--parent CODE]";

export const unitCommand: CliCommand = {
  name: "unit",
  usage: USAGE,
  summary: "the department's units: list them, add one",
  async run(args, io) {
    const parsed = parseCommandLine(io, "unit", USAGE, args, {
          code: { type: "string" },
          kind: { type: "string" },
          parent: { type: "string" },
          "name-kk": { type: "string" },
          "name-ru": { type: "string" },
        });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...extra] = positionals;
    if (extra.length > 0) return usageError(io, "unit", USAGE, "too many arguments");
    if (action === "list") {
      return withCore(io.config, async (ctx) => {
        const rows = await listUnits(ctx, CONSOLE_OPERATOR);
        const codeOf = new Map(rows.map((u) => [u.id, u.code]));
        for (const u of rows) {
          const parent = u.parentId === null ? "" : ` (in ${codeOf.get(u.parentId)})`;
          io.out(`${u.code}  ${u.kind}${parent}${u.active ? "" : "  inactive"}  ${u.nameKk} / ${u.nameRu}`);
        }
        return 0;
      });
    }
    if (action !== "add") return usageError(io, "unit", USAGE, `unknown action "${action ?? ""}"`);
    const kind = UNIT_KINDS.find((k) => k === values.kind);
    if (!kind) return usageError(io, "unit", USAGE, `--kind needs one of ${UNIT_KINDS.join(", ")}`);
    if (!values.code || !values["name-kk"] || !values["name-ru"]) return usageError(io, "unit", USAGE, "--code, --name-kk and --name-ru are needed");
    return withCore(io.config, async (ctx) => {
      try {
        const unit = await addUnit(ctx, CONSOLE_OPERATOR, {
          code: values.code!,
          kind,
          parentCode: values.parent,
          nameKk: values["name-kk"]!,
          nameRu: values["name-ru"]!,
        });
        io.out(`added ${unit.code} (${unit.kind})`);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`unit add: ${error.code === "invalid_input" ? "the code is 2–40 lower-case letters, digits or _, starting with a letter; names 2–300 characters" : explain(error)}`);
        return 1;
      }
    });
  },
};

