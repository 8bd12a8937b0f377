import { createInvite, INVITE_MAX_HOURS } from "../../core/staff/invites.js";
import { CONSOLE_OPERATOR } from "../../core/staff/operator.js";
import { isDomainError } from "../../core/shared/errors.js";
import { STAFF_ROLES } from "../../core/shared/roles.js";
import { type CliCommand, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE = "invite create --role ROLE --unit CODE [--clearance] [--hours 72]";
/** The sandbox's bot (bot/app.ts); a real bot's username is not in the configuration. */
const SANDBOX_BOT_USERNAME = "otinish_demo_bot";

export const inviteCommand: CliCommand = {
  name: "invite",
  usage: USAGE,
  summary: "a one-time staff invite: prints the code (shown once) and its deep link",
  async run(args, io) {
    const parsed = parseCommandLine(io, "invite", USAGE, args, { role: { type: "string" }, unit: { type: "string" }, clearance: { type: "boolean", default: false }, hours: { type: "string", default: "72" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    if (positionals.length !== 1 || positionals[0] !== "create") return usageError(io, "invite", USAGE, "the only action is create");
    const role = STAFF_ROLES.find((r) => r === values.role);
    if (!role) return usageError(io, "invite", USAGE, `--role needs one of ${STAFF_ROLES.join(", ")}`);
    if (!values.unit) return usageError(io, "invite", USAGE, "--unit needs a unit code (see: unit list)");
    const hours = Number(values.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > INVITE_MAX_HOURS) return usageError(io, "invite", USAGE, `--hours is a whole number from 1 to ${INVITE_MAX_HOURS}`);

    return withCore(io.config, async (ctx) => {
      try {
        const invite = await createInvite(ctx, CONSOLE_OPERATOR, { role, unitCode: values.unit!, clearance: values.clearance, ttlHours: hours });
        io.out(`invite for ${invite.role} in ${invite.unitCode}${invite.clearance ? ", with clearance" : ""}; single use, expires ${invite.expiresAt.toISOString()}`);
        io.out(`the person sends the bot: /join ${invite.code}`);
        if (io.config.botToken === undefined) io.out(`or opens: https://t.me/${SANDBOX_BOT_USERNAME}?start=join_${invite.code}`);
        else io.out(`or opens your bot's link with: ?start=join_${invite.code}`);
        io.out(invite.code);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`invite create: ${explain(error)}`);
        return 1;
      }
    });
  },
};

