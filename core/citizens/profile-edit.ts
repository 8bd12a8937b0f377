import { z } from "zod";
import { defineFlow } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { editProfileField, fieldsOf, getProfile, PROFILE_FIELDS, type CitizenProfile, type ProfileField } from "./profile.js";

/** `/profile` → "edit a field": one question (the field is the step), one answer, checked by the same rules as sign-up. */
export const profileEditFlow = defineFlow({ name: "profile_edit", permission: "profile.edit", steps: PROFILE_FIELDS, data: z.object({}) });

export async function beginProfileEdit(ctx: Ctx, actor: Actor, field: ProfileField) {
  const profile = await getProfile(ctx, actor);
  if (!profile) throw new DomainError("profile_missing");
  if (!fieldsOf(profile.kind).includes(field)) throw new DomainError("stale_button");
  return profileEditFlow.start(ctx, actor, { step: field, data: {} });
}

const answerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("contact"), phone: z.string(), contactUserId: z.number().optional() }),
]);

/** Saves the answer and ends the flow; a refused answer keeps the question open. */
export async function answerProfileEdit(ctx: Ctx, actor: Actor, input: z.input<typeof answerSchema>): Promise<CitizenProfile> {
  const answer = parseInput(answerSchema, input);
  const { result } = await profileEditFlow.update(ctx, actor, async ({ step: field }, inTx) => {
    if ((field === "phone") !== (answer.type === "contact")) throw new DomainError(field === "phone" ? "expects_contact" : "expects_text");
    const edit =
      answer.type === "contact"
        ? { field: "phone" as const, phone: answer.phone, contactUserId: answer.contactUserId }
        : { field: field as Exclude<ProfileField, "phone">, text: answer.text };
    return { next: null, result: await editProfileField(inTx, inTx.db, actor, edit) };
  });
  return result;
}
