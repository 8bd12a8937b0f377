import { initials, type Gender, type NameParts } from "./person-name.js";

/**
 * Russian letters address a person in the dative: «Петрову И.С.», «Петровой А.С.». Only surname
 * endings whose dative is certain are changed; for any other name (most Kazakh surnames without a
 * Russian ending, a name whose ending and patronymic disagree) the nominative stays, which is never
 * wrong, only less usual.
 */
const RULES: { ending: RegExp; gender: "male" | "female"; dative: (stem: string) => string }[] = [
  { ending: /^(.*(?:ск|цк))ий$/i, gender: "male", dative: (stem) => `${stem}ому` },
  { ending: /^(.*(?:ск|цк))ая$/i, gender: "female", dative: (stem) => `${stem}ой` },
  { ending: /^(.*(?:ов|ев|ёв|ин|ын))$/i, gender: "male", dative: (stem) => `${stem}у` },
  { ending: /^(.*(?:ов|ев|ёв|ин|ын))а$/i, gender: "female", dative: (stem) => `${stem}ой` },
];

export function dativeSurname(surname: string, gender: Gender): string | null {
  // A double surname declines in both parts or not at all.
  const parts = surname.split("-");
  const declined = parts.map((part) => dativeWord(part, gender));
  return declined.every((part): part is string => part !== null) ? declined.join("-") : null;
}

function dativeWord(word: string, gender: Gender): string | null {
  // Too short to carry a suffix ("Ов", "Ин" are not surnames of this kind).
  if (word.length < 4) return null;
  for (const rule of RULES) {
    const match = rule.ending.exec(word);
    if (!match) continue;
    if (gender !== null && gender !== rule.gender) return null;
    return rule.dative(match[1]!);
  }
  return null;
}

/** The addressee line of a Russian letter: surname in the dative where certain, then initials. */
export function russianAddressee(name: NameParts, gender: Gender): string {
  const surname = dativeSurname(name.surname, gender) ?? name.surname;
  const tail = initials(name);
  return tail ? `${surname} ${tail}` : surname;
}
