import type { AnswerLanguage, DecisionOutcome } from "../appeals/kinds.js";

/**
 * Every fixed word of the answer letter, per language. These are the words of an official document,
 * not of the chat (those live in locales/), so a lawyer can correct them here in one place.
 * Dates arrive already as DD.MM.YYYY; names and positions are printed as given, so no phrase below
 * needs them in another grammatical case.
 */
export interface LetterWords {
  /** The letterhead: the department's full name, two centred lines. */
  department: readonly [string, string];
  /** Outgoing number and date; `number` is null on a draft, which has none yet. */
  outgoing: (number: string | null, date: string) => string;
  subject: (appealNumber: string, receivedOn: string) => string;
  outcome: (outcome: DecisionOutcome) => string;
  /** Above the signature when a deputy signs in the Head's absence (Reg. 13, 14). */
  signedFor: string;
  /** The Head's position under the signature (Reg. 9, 12). */
  headPosition: string;
  /** A deputy's, when one signs in the Head's absence. */
  deputyPosition: string;
  page: (page: number, pages: number) => string;
  draft: string;
  /** The PDF's title, seen in a viewer's window and file properties. */
  title: (appealNumber: string) => string;
}

/** Where a draft's outgoing number will be written. */
const NO_NUMBER = "__________";

const kk: LetterWords = {
  department: ["ҚАЗАҚСТАН РЕСПУБЛИКАСЫ СОТ ӘКІМШІЛІГІНІҢ", "ЖАЛПЫ БӨЛІМІ"],
  outgoing: (number, date) => `Шығыс № ${number ?? NO_NUMBER}, ${date} ж.`,
  subject: (appealNumber, receivedOn) => `${receivedOn} ж. № ${appealNumber} өтінішке`,
  outcome: (outcome) =>
    `Қарау нәтижесі: ${
      {
        satisfied: "қанағаттандырылды",
        explained: "түсіндірілді",
        refused: "қанағаттандырудан бас тартылды",
        left_without_review: "қараусыз қалдырылды",
      }[outcome]
    }.`,
  signedFor: "Басшының орнына орынбасары қол қойды:",
  headPosition: "Жалпы бөлімнің меңгерушісі",
  deputyPosition: "Жалпы бөлім меңгерушісінің орынбасары",
  page: (page, pages) => `${pages} беттің ${page}-беті`,
  draft: "ЖОБА",
  title: (appealNumber) => `№ ${appealNumber} өтінішке жауап`,
};

const ru: LetterWords = {
  department: ["ОБЩИЙ ОТДЕЛ", "СУДЕБНОЙ АДМИНИСТРАЦИИ РЕСПУБЛИКИ КАЗАХСТАН"],
  outgoing: (number, date) => `Исх. № ${number ?? NO_NUMBER} от ${date}`,
  subject: (appealNumber, receivedOn) => `На обращение № ${appealNumber} от ${receivedOn}`,
  outcome: (outcome) =>
    `Результат рассмотрения: ${
      {
        satisfied: "удовлетворено",
        explained: "разъяснено",
        refused: "отказано в удовлетворении",
        left_without_review: "оставлено без рассмотрения",
      }[outcome]
    }.`,
  signedFor: "Подписано заместителем за руководителя:",
  headPosition: "Заведующий Общим отделом",
  deputyPosition: "Заместитель заведующего Общим отделом",
  page: (page, pages) => `Страница ${page} из ${pages}`,
  draft: "ПРОЕКТ",
  title: (appealNumber) => `Ответ на обращение № ${appealNumber}`,
};

export const LETTER_WORDS: Record<AnswerLanguage, LetterWords> = { kk, ru };
