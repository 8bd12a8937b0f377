import { z } from "zod";
import { parseBin, parseIin } from "../citizens/fields.js";
import type { CitizenProfile } from "../citizens/profile.js";
import { defineFlow, type FlowState } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { countWrongNumber, idNumberOf, linkAppeal, usableToken, type LinkedAppeal, type UsableLink } from "./track-link.js";
import { isWellFormedToken, trackTokenHash } from "./track-token.js";

/**
 * Opening a paper receipt's link in Telegram: the applicant types the IIN (or BIN) the letter gave,
 * or, when it gave none, confirms; then the appeal is theirs in the bot. Kept as a flow, so a
 * restart between the link and the answer asks again.
 */
const STEPS = ["number", "confirm"] as const;
export type TrackStep = (typeof STEPS)[number];

const dataSchema = z.object({
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  appealId: z.number().int().positive(),
  number: z.string(),
  /** Which number to type: a person's IIN or an organisation's BIN. */
  kind: z.enum(["iin", "bin"]).optional(),
});
export type TrackData = z.infer<typeof dataSchema>;
export type TrackState = FlowState<TrackStep, TrackData>;

export const trackFlow = defineFlow({ name: "paper_track", permission: "appeal.track", steps: STEPS, data: dataSchema });

/** `/start track_<token>`: an unknown, used or expired link is refused and nothing changes. */
export async function openTrackLink(ctx: Ctx, actor: Actor, token: string): Promise<TrackState> {
  assertCan(actor, "appeal.track");
  if (!isWellFormedToken(token)) throw new DomainError("track_unknown");
  const tokenHash = trackTokenHash(token);
  const found = await usableToken(ctx, actor, tokenHash);
  if (found instanceof DomainError) throw found;
  const { appeal } = found;
  const kind = idNumberOf(appeal) === null ? undefined : (appeal.applicant as CitizenProfile).kind === "legal" ? "bin" : "iin";
  return trackFlow.start(ctx, actor, { step: kind ? "number" : "confirm", data: { tokenHash, appealId: appeal.id, number: appeal.number, kind } });
}

type Outcome = { linked: LinkedAppeal } | { refused: DomainError };

/** Checks the link again under its lock, then lets `decide` link the appeal or refuse; a refusal that ends the link ends the flow. */
async function settle(ctx: Ctx, actor: Actor, expected: TrackStep, version: number | null, decide: (found: UsableLink, state: TrackState, inTx: Ctx) => Promise<Outcome>): Promise<LinkedAppeal> {
  assertCan(actor, "appeal.track");
  const { result } = await trackFlow.update(ctx, actor, async (state, inTx): Promise<{ next: TrackState | null; result: Outcome }> => {
    if (state.step !== expected || (version !== null && state.version !== version)) throw new DomainError("stale_button");
    const found = await usableToken(inTx, actor, state.data.tokenHash);
    if (found instanceof DomainError) return { next: null, result: { refused: found } };
    const outcome = await decide(found, state, inTx);
    const goesOn = "refused" in outcome && outcome.refused.code === "track_number_wrong";
    return { next: goesOn ? state : null, result: outcome };
  });
  // Thrown once the transaction is over, so the count of wrong tries is kept.
  if ("refused" in result) throw result.refused;
  return result.linked;
}

/** The typed IIN or BIN: a malformed one is only explained; a wrong one counts. */
export function answerTrackNumber(ctx: Ctx, actor: Actor, typed: string): Promise<LinkedAppeal> {
  return settle(ctx, actor, "number", null, async ({ token, appeal }, state, inTx) => {
    const number = state.data.kind === "bin" ? parseBin(typed) : parseIin(typed);
    if (number !== idNumberOf(appeal)) return { refused: await countWrongNumber(inTx, actor, token) };
    return { linked: await linkAppeal(inTx, actor, token, appeal) };
  });
}

/** "Yes, follow it here", for an appeal whose letter gave no IIN or BIN. */
export function confirmTrack(ctx: Ctx, actor: Actor, version: number): Promise<LinkedAppeal> {
  return settle(ctx, actor, "confirm", version, async ({ token, appeal }, _state, inTx) => {
    if (idNumberOf(appeal) !== null) throw new DomainError("stale_button");
    return { linked: await linkAppeal(inTx, actor, token, appeal) };
  });
}
