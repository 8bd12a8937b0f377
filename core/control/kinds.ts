/** Who gave the assignment (Reg. 5.3, 7.1.8), and personal reception's own assignments (Reg. 7.3.3). */
/** Sources a registrar records by hand. */
export const RECORDED_SOURCES = ["head_of_state", "presidential_administration", "prime_minister_office", "sc_chairman", "reception"] as const;
/** …and a citizen's objection to an answer, which the bot itself puts before the Head (Reg. 11). */
export const CONTROL_SOURCES = [...RECORDED_SOURCES, "citizen_objection"] as const;
export type ControlSource = (typeof CONTROL_SOURCES)[number];

/** An executor's progress: a pending report waits for a registrar; an accepted one means executed. */
export const EXECUTOR_STATES = ["assigned", "reported", "executed"] as const;
export type ExecutorState = (typeof EXECUTOR_STATES)[number];

/** The number's prefix: «БҚ» for бақылау құжаты (control document), `БҚ-2026-000001`. */
export const CONTROL_PREFIX = "БҚ";
