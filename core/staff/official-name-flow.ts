import { z } from "zod";
import { defineFlow, type FlowState, type FlowStep } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { OFFICIAL_NAME_PARTS, setOfficialName } from "./official-name.js";

const STEPS = ["surname", "first_name", "patronymic", "position_kk", "position_ru", "phone"] as const;
type Step = (typeof STEPS)[number];
/** Steps a person may skip: not everyone has a patronymic, and a letter may go without a phone. */
export const SKIPPABLE: readonly Step[] = ["patronymic", "phone"];

const data = z.object({
  surname: z.string().optional(),
  firstName: z.string().optional(),
  patronymic: z.string().optional(),
  positionKk: z.string().optional(),
  positionRu: z.string().optional(),
});
type Data = z.infer<typeof data>;
export type OfficialNameState = FlowState<Step, Data>;

const FIELD: Record<Exclude<Step, "phone">, keyof Data> = { surname: "surname", first_name: "firstName", patronymic: "patronymic", position_kk: "positionKk", position_ru: "positionRu" };
const RULE: Record<Step, z.ZodType<string>> = {
  surname: OFFICIAL_NAME_PARTS.surname,
  first_name: OFFICIAL_NAME_PARTS.surname,
  patronymic: OFFICIAL_NAME_PARTS.surname,
  position_kk: OFFICIAL_NAME_PARTS.position,
  position_ru: OFFICIAL_NAME_PARTS.position,
  phone: OFFICIAL_NAME_PARTS.phone,
};

/**
 * A new member of staff gives the name letters print («Б. Исабеков» under the position) and the
 * phone of the executor's mark, right after joining (DESIGN §2 answer; record-keeping rules).
 */
export const officialNameFlow = defineFlow({
  name: "official_name",
  permission: "staff.name",
  steps: STEPS,
  data,
  back: ({ step, data: kept }: FlowStep<Step, Data>) => {
    const i = STEPS.indexOf(step);
    return i === 0 ? null : { step: STEPS[i - 1]!, data: kept };
  },
});

export function beginOfficialName(ctx: Ctx, actor: Actor): Promise<OfficialNameState> {
  return officialNameFlow.start(ctx, actor, { step: "surname", data: {} });
}

/**
 * The answer to the current step (undefined: skipped, where the step allows it). The last step
 * saves the name; the result says whether it is done and, if so, how letters now sign.
 */
export async function answerOfficialName(ctx: Ctx, actor: Actor, answer: string | undefined): Promise<{ state: OfficialNameState | null; signature: string | null }> {
  const { state, result } = await officialNameFlow.update(ctx, actor, async (current, inTx) => {
    const { step, data: kept } = current;
    if (answer === undefined && !SKIPPABLE.includes(step)) throw new DomainError("stale_button");
    const parsed = answer === undefined ? undefined : RULE[step].safeParse(answer);
    if (parsed && !parsed.success) throw new DomainError(step === "phone" ? "official_name_phone" : step.startsWith("position") ? "official_name_position" : "official_name_word");
    const value = parsed?.data;
    if (step !== "phone") return { next: { step: STEPS[STEPS.indexOf(step) + 1]!, data: { ...kept, [FIELD[step]]: value } }, result: null };
    const named = await setOfficialName(inTx, actor, {
      telegramId: actor.telegramId,
      surname: kept.surname ?? "",
      firstName: kept.firstName ?? "",
      patronymic: kept.patronymic,
      positionKk: kept.positionKk ?? "",
      positionRu: kept.positionRu ?? "",
      phone: value,
    });
    return { next: null, result: named.signature };
  });
  return { state, signature: result };
}
