import type { AnswerLanguage } from "../appeals/kinds.js";
import { fill, type LetterWords } from "./letter-words.js";
import { genderOf, greetingName, splitFullName } from "./person-name.js";
import { russianAddressee } from "./russian-dative.js";

export interface Applicant {
  fullName: string;
  organization?: string | null;
}

/**
 * The address block: in Russian the person in the dative with initials («Петрову И.С.»); in
 * Kazakh the name as the applicant gave it. Then the organisation and the postal address.
 */
export function addresseeLines(language: AnswerLanguage, applicant: Applicant, postalAddress: string | null): string[] {
  const name = splitFullName(applicant.fullName);
  const person = language === "ru" ? russianAddressee(name, genderOf(name.patronymic)) : applicant.fullName.trim();
  return [person, applicant.organization, postalAddress].map((line) => line?.trim() ?? "").filter(Boolean);
}

/** «Құрметті Айгерім Серікқызы!» / «Уважаемый Иван Сергеевич!», by the gender the patronymic tells, else both forms. */
export function greetingOf(words: LetterWords, fullName: string): string {
  const name = splitFullName(fullName);
  const gender = genderOf(name.patronymic);
  const template = gender === "male" ? words.greeting_male : gender === "female" ? words.greeting_female : words.greeting_unknown;
  return fill(template, { name: greetingName(name) });
}
