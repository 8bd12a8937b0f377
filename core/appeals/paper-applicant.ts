import { z } from "zod";
import { parseBin, parseFullName, parseIin, parseOrganization } from "../citizens/fields.js";
import type { CitizenProfile } from "../citizens/profile.js";

/**
 * The applicant of a paper or e-mailed appeal, as the registrar copies it from the letter: a person
 * (the IIN only if the letter gives one) or an organisation with its BIN and who signed for it. The
 * same rules as a citizen's profile, the IIN and BIN checked by their check digits.
 */
export const paperApplicantInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("individual"), fullName: z.string(), iin: z.string().nullish() }),
  z.object({ kind: z.literal("legal"), fullName: z.string(), bin: z.string(), organization: z.string() }),
]);
export type PaperApplicantInput = z.input<typeof paperApplicantInput>;

/** Kept in the shape every appeal's applicant has; a letter gives no Telegram phone, so none is kept. */
export function paperApplicant(input: z.output<typeof paperApplicantInput>): CitizenProfile {
  const fullName = parseFullName(input.fullName);
  if (input.kind === "individual") {
    const iin = input.iin?.trim() ? parseIin(input.iin) : null;
    return { kind: "individual", fullName, iin, bin: null, organization: null, phone: "" };
  }
  return { kind: "legal", fullName, iin: null, bin: parseBin(input.bin), organization: parseOrganization(input.organization), phone: "" };
}

/** The number whoever opens the receipt's link must type: the IIN, or the organisation's BIN; null when the letter gave none. */
export function applicantIdNumber(applicant: CitizenProfile): string | null {
  return applicant.kind === "legal" ? applicant.bin : applicant.iin;
}
