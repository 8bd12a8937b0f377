/** What a message is about, for the people who look after undelivered ones: read from its locale key. */
export type MessageKind = "answer" | "appeal_notice" | "reminder" | "digest" | "staff_notice" | "control" | "reception" | "alert" | "other";

const BY_PREFIX: readonly [string, MessageKind][] = [
  ["appeal.notice.answered", "answer"],
  ["appeal.", "appeal_notice"],
  ["staff.reminder.", "reminder"],
  ["staff.digest.", "digest"],
  ["staff.", "staff_notice"],
  ["control.", "control"],
  ["reception.", "reception"],
  ["delivery.", "alert"],
];

export function messageKind(key: string): MessageKind {
  return BY_PREFIX.find(([prefix]) => key.startsWith(prefix))?.[1] ?? "other";
}
