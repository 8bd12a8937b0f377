/**
 * A person's name as letters use it. Citizens type their name whole, surname first (sign-up asks
 * for it so); staff names come in parts from their staff profile.
 */
export interface NameParts {
  surname: string;
  firstName: string | null;
  patronymic: string | null;
}

export type Gender = "male" | "female" | null;

/** "Серікова Айгерім Серікқызы" → surname, first name, patronymic (which may be two words: "Серік қызы"). */
export function splitFullName(fullName: string): NameParts {
  const [surname = "", firstName, ...rest] = fullName.trim().split(/\s+/);
  return { surname, firstName: firstName ?? null, patronymic: rest.length > 0 ? rest.join(" ") : null };
}

/**
 * The gender a patronymic tells, Russian (-ович, -овна) or Kazakh (-ұлы, -қызы); null when it
 * tells nothing, and then nothing is guessed.
 */
export function genderOf(patronymic: string | null): Gender {
  const p = patronymic?.trim().toLowerCase().replace(/\s+/g, "") ?? "";
  if (/(вич|ұлы|улы|оглы|уулу)$/.test(p)) return "male";
  if (/(вна|чна|қызы|кызы|гызы)$/.test(p)) return "female";
  return null;
}

function initial(word: string | null): string {
  return word ? `${word.charAt(0).toLocaleUpperCase("ru")}.` : "";
}

/** «Б. Исабеков»: the first name's initial, a space, the surname — how the department signs. */
export function signatureName(name: NameParts): string {
  return name.firstName ? `${initial(name.firstName)} ${name.surname}` : name.surname;
}

/** «И.С.»: initials of the first name and patronymic, as after a surname in an address block. */
export function initials(name: NameParts): string {
  return `${initial(name.firstName)}${initial(name.patronymic)}`;
}

/** «Айгерім Серікқызы»: how a greeting names the person; the surname alone when nothing else is known. */
export function greetingName(name: NameParts): string {
  return [name.firstName, name.patronymic].filter(Boolean).join(" ") || name.surname;
}
