import { z } from "zod";
import { clearFlow, loadFlow, saveFlow } from "../flows/store.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import type { Actor } from "../shared/roles.js";
import { parseInput } from "../shared/validate.js";
import { editProfileField, fieldsOf, getProfile, PROFILE_FIELDS, type CitizenProfile, type ProfileField } from "./profile.js";

/** `/profile` → "edit a field": one question, one answer, checked by the same rules as sign-up. */
export const PROFILE_EDIT_FLOW = "profile_edit";

const stateSchema = z.object({ step: z.enum(PROFILE_FIELDS), data: z.object({}) });

export async function beginProfileEdit(ctx: Ctx, actor: Actor, field: ProfileField): Promise<ProfileField> {
  const profile = await getProfile(ctx, actor);
  if (!profile) throw new DomainError("profile_missing");
  if (!fieldsOf(profile.kind).includes(field)) throw new DomainError("stale_button");
  await saveFlow(ctx, ctx.db, actor.userId, PROFILE_EDIT_FLOW, { step: field, data: {} });
  return field;
}

export async function currentProfileEdit(ctx: Ctx, actor: Actor): Promise<{ field: ProfileField; messageId: number | null } | null> {
  const state = await loadFlow(ctx, ctx.db, actor.userId, PROFILE_EDIT_FLOW, stateSchema);
  return state ? { field: state.step, messageId: state.messageId } : null;
}

const answerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("contact"), phone: z.string(), contactUserId: z.number().optional() }),
]);

export async function answerProfileEdit(ctx: Ctx, actor: Actor, input: z.input<typeof answerSchema>): Promise<CitizenProfile> {
  const answer = parseInput(answerSchema, input);
  return ctx.db.transaction(async (tx) => {
    const state = await loadFlow(ctx, tx, actor.userId, PROFILE_EDIT_FLOW, stateSchema);
    if (!state) throw new DomainError("stale_button");
    const field = state.step;
    if ((field === "phone") !== (answer.type === "contact")) {
      throw new DomainError(field === "phone" ? "expects_contact" : "expects_text");
    }
    const profile = await editProfileField(
      ctx,
      tx,
      actor,
      answer.type === "contact"
        ? { field: "phone", phone: answer.phone, contactUserId: answer.contactUserId }
        : { field: field as Exclude<ProfileField, "phone">, text: answer.text },
    );
    await clearFlow(tx, actor.userId, PROFILE_EDIT_FLOW);
    return profile;
  });
}

export async function cancelProfileEdit(ctx: Ctx, actor: Actor): Promise<void> {
  await clearFlow(ctx.db, actor.userId, PROFILE_EDIT_FLOW);
}
