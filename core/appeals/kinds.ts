/** The six types a citizen chooses (APPK; DESIGN §2), in the order the bot offers them. */
export const APPEAL_TYPES = ["application", "complaint", "proposal", "response", "request", "report"] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** Categories of the registrar's preliminary review (Reg. 7.1.5). */
export const APPEAL_CATEGORIES = ["court_proceedings", "judge_conduct", "state_bodies", "personal_reception", "general"] as const;
export type AppealCategory = (typeof APPEAL_CATEGORIES)[number];

export const ANSWER_OUTCOMES = ["satisfied", "explained", "refused"] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** A decision to leave an appeal without review is drafted and approved like an answer. */
export const DECISION_OUTCOMES = [...ANSWER_OUTCOMES, "left_without_review"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const ANSWER_LANGUAGES = ["kk", "ru"] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];

export const REPLY_CHANNELS = ["chat", "post"] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const RATINGS = ["satisfied", "unsatisfied"] as const;
export type Rating = (typeof RATINGS)[number];

/** Prefixes of registration numbers: individuals ЖТ (жеке тұлға), legal entities ЗТ (заңды тұлға). */
export const NUMBER_PREFIX = { individual: "ЖТ", legal: "ЗТ" } as const;

/** Outgoing letters of the department (Жалпы бөлім), numbered per year like appeals. */
export const OUTGOING_PREFIX = "ЖБ";

/** Limits of intake (DESIGN §2). */
export const INTAKE_LIMITS = {
  textMax: 10_000,
  filesMax: 10,
  /** With supplements: enough for a thick case, not an unbounded store. */
  filesPerAppealMax: 30,
  fileBytesMax: 20 * 1024 * 1024,
  addressMax: 500,
} as const;
