import { idsOfNumbers } from "../../core/appeals/group-members.js";
import { showGroup } from "../../core/appeals/group-view.js";
import { addToGroup, groupWith, removeFromGroup, type GroupChange } from "../../core/appeals/groups.js";
import { actorByTelegramId } from "../../core/people/users.js";
import type { Ctx } from "../../core/shared/context.js";
import { isDomainError } from "../../core/shared/errors.js";
import type { Actor } from "../../core/shared/roles.js";
import { type CliCommand, type CliIo, parseCommandLine, usageError } from "../command.js";
import { withCore } from "../open-core.js";
import { explain } from "./explain.js";

const USAGE =
  "group (create [--title T] NUMBER… | add --group ID NUMBER… | remove NUMBER | show ID|NUMBER) --as TELEGRAM_ID";

/**
 * Mass appeals from the console, on behalf of a registrar (or the Head, a deputy) named by their
 * Telegram id: the same policy and refusals as in chat, and the same trail.
 */
export const groupCommand: CliCommand = {
  name: "group",
  usage: USAGE,
  summary: "mass appeals: group appeals on one subject, answered by one approved draft",
  async run(args, io) {
    const parsed = parseCommandLine(io, "group", USAGE, args, { as: { type: "string" }, title: { type: "string" }, group: { type: "string" } });
    if (typeof parsed === "number") return parsed;
    const { positionals, values } = parsed;
    const [action, ...refs] = positionals;
    const telegramId = Number(values.as);
    if (!Number.isSafeInteger(telegramId) || telegramId < 1) return usageError(io, "group", USAGE, "--as needs the Telegram id of the registrar acting");
    if (!["create", "add", "remove", "show"].includes(action ?? "")) return usageError(io, "group", USAGE, `unknown action "${action ?? ""}"`);
    if (refs.length === 0 || ((action === "remove" || action === "show") && refs.length !== 1)) return usageError(io, "group", USAGE, "give the appeal numbers (one for remove and show)");
    const groupId = Number(values.group);
    if (action === "add" && (!Number.isSafeInteger(groupId) || groupId < 1)) return usageError(io, "group", USAGE, "--group needs the group's id (see: group show)");
    return withCore(io.config, async (ctx) => {
      try {
        const actor = await actorOf(ctx, telegramId);
        if (!actor) {
          io.err("group: no one with this Telegram id has used the bot");
          return 1;
        }
        if (action === "show") return show(ctx, actor, refs[0]!, io);
        if (action === "remove") {
          const [appealId] = await idsOfNumbers(ctx.db, refs);
          const { appeal, groupId: left } = await removeFromGroup(ctx, actor, { appealId: appealId! });
          io.out(`${appeal.number} removed from group ${left}`);
          return 0;
        }
        const [first, ...rest] = await idsOfNumbers(ctx.db, refs);
        const change =
          action === "add"
            ? await addToGroup(ctx, actor, { groupId, appealIds: [first!, ...rest] })
            : await groupWith(ctx, actor, { appealId: first!, appealIds: rest.length > 0 ? rest : [first!], title: values.title });
        report(change, io);
        return 0;
      } catch (error) {
        if (!isDomainError(error)) throw error;
        io.err(`group: ${explain(error)}`);
        return 1;
      }
    });
  },
};

const actorOf = (ctx: Ctx, telegramId: number): Promise<Actor | null> => actorByTelegramId(ctx, telegramId);

function report(change: GroupChange, io: Pick<CliIo, "out">): void {
  io.out(`group ${change.groupId} «${change.title}»: lead ${change.lead.number}, ${change.total} appeals`);
  io.out(change.added.length === 0 ? "nothing changed: already in the group" : `added: ${change.added.map((a) => a.number).join(", ")}`);
}

async function show(ctx: Ctx, actor: Actor, ref: string, io: Pick<CliIo, "out">): Promise<number> {
  const group = await showGroup(ctx, actor, ref);
  io.out(`group ${group.id} «${group.title}»: lead ${group.lead.number}, ${group.members.length + group.hidden} appeals`);
  for (const m of group.members) io.out(`${m.number}  ${m.state}${m.id === group.lead.id ? "  lead" : ""}`);
  if (group.hidden > 0) io.out(`and ${group.hidden} for official use only (ДСП), not shown without clearance`);
  return 0;
}
