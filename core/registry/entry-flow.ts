import { z } from "zod";
import { defineFlow, type FlowState, type FlowStep } from "../flows/flow.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertCan } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { entryInput, insertEntry, type RegisteredEntry } from "./entries.js";
import { ENTRY_LIMITS, JOURNALS, type Journal } from "./kinds.js";

const STEPS = ["journal", "direction", "case_number", "correspondent", "summary", "pages", "dispatch", "dispatch_detail", "file", "confirm"] as const;
export type EntryStep = (typeof STEPS)[number];

export const DISPATCH_CHOICES = ["post", "courier", "email", "in_person"] as const;
export type DispatchChoice = (typeof DISPATCH_CHOICES)[number];

const dataSchema = z.object({
  journal: z.enum(JOURNALS).optional(),
  direction: z.enum(["in", "out"]).optional(),
  caseNumber: z.string().optional(),
  correspondent: z.string().optional(),
  summary: z.string().optional(),
  pages: z.number().int().positive().optional(),
  dispatch: z.enum(DISPATCH_CHOICES).optional(),
  /** The post number of a registered letter, or the e-mail address it went to. */
  dispatchDetail: z.string().optional(),
  fileIds: z.array(z.number().int().positive()),
});
export type EntryDraft = z.infer<typeof dataSchema>;
export type EntryState = FlowState<EntryStep, EntryDraft>;

/** A registrar adds a journal line in chat, one question at a time, with the scan; a restart resumes it. */
export const entryFlow = defineFlow({
  name: "registry_entry",
  permission: "registry.journal",
  steps: STEPS,
  data: dataSchema,
  // Scans are the registrar's work: they hear before a draft holding them goes.
  worthKeeping: (data) => data.fileIds.length > 0,
});

type Next = FlowStep<EntryStep, EntryDraft>;

export function beginEntry(ctx: Ctx, actor: Actor): Promise<EntryState> {
  assertCan(actor, "registry.journal");
  return entryFlow.start(ctx, actor, { step: "journal", data: { fileIds: [] } });
}

async function advance(ctx: Ctx, actor: Actor, expected: EntryStep | null, change: (state: EntryState) => Next): Promise<EntryState> {
  assertCan(actor, "registry.journal");
  const { state } = await entryFlow.update(ctx, actor, async (current) => {
    if (expected !== null && current.step !== expected) throw new DomainError("stale_button");
    return { next: change(current), result: undefined };
  });
  return state!;
}

/** The step after the correspondent's and summary's: court cases and outgoing letters ask their own fields. */
const afterPages = (journal: Journal | undefined): EntryStep => (journal === "outgoing" ? "dispatch" : "file");

export function chooseJournal(ctx: Ctx, actor: Actor, journal: Journal): Promise<EntryState> {
  assertCan(actor, "registry.journal");
  if (journal === "restricted" && !actor.clearance) throw new DomainError("clearance_required");
  return advance(ctx, actor, "journal", ({ data }) => ({ step: journal === "court_cases" ? "direction" : "correspondent", data: { ...data, journal } }));
}

export function chooseDirection(ctx: Ctx, actor: Actor, direction: "in" | "out"): Promise<EntryState> {
  return advance(ctx, actor, "direction", ({ data }) => ({ step: "case_number", data: { ...data, direction } }));
}

export function chooseDispatch(ctx: Ctx, actor: Actor, dispatch: DispatchChoice): Promise<EntryState> {
  return advance(ctx, actor, "dispatch", ({ data }) => ({ step: dispatch === "post" || dispatch === "email" ? "dispatch_detail" : "file", data: { ...data, dispatch } }));
}

/** "No pages to count" or "no scan": the step is passed over. */
export function skipStep(ctx: Ctx, actor: Actor, step: "pages" | "dispatch_detail" | "file"): Promise<EntryState> {
  return advance(ctx, actor, step, ({ data }) => {
    if (step === "dispatch_detail" && data.dispatch === "email") throw new DomainError("entry_email_needed");
    return { step: step === "pages" ? afterPages(data.journal) : step === "dispatch_detail" ? "file" : "confirm", data };
  });
}

const field = (max: number, refusal: string) => (answer: string) => {
  const value = answer.replace(/\s+/g, " ").trim();
  if (value === "") throw new DomainError(refusal);
  if (value.length > max) throw new DomainError("text_too_long", { length: value.length, max });
  return value;
};

/** A typed answer to the current question. */
export function answerEntry(ctx: Ctx, actor: Actor, answer: string): Promise<EntryState> {
  return advance(ctx, actor, null, ({ step, data }) => {
    switch (step) {
      case "case_number":
        return { step: "correspondent", data: { ...data, caseNumber: field(80, "entry_field_empty")(answer) } };
      case "correspondent":
        return { step: "summary", data: { ...data, correspondent: field(ENTRY_LIMITS.correspondentMax, "entry_field_empty")(answer) } };
      case "summary":
        return { step: "pages", data: { ...data, summary: field(ENTRY_LIMITS.summaryMax, "entry_field_empty")(answer) } };
      case "pages": {
        const pages = Number(answer.trim());
        if (!Number.isInteger(pages) || pages < 1 || pages > ENTRY_LIMITS.pagesMax) throw new DomainError("entry_pages", { max: ENTRY_LIMITS.pagesMax });
        return { step: afterPages(data.journal), data: { ...data, pages } };
      }
      case "dispatch_detail": {
        const detail = field(120, "entry_field_empty")(answer);
        if (data.dispatch === "email" && !z.email().safeParse(detail).success) throw new DomainError("entry_email_needed");
        return { step: "file", data: { ...data, dispatchDetail: detail } };
      }
      default:
        throw new DomainError("use_buttons");
    }
  });
}

/** A scan of the document; several pages may come as several files. */
export function attachEntryFile(ctx: Ctx, actor: Actor, fileId: number): Promise<EntryState> {
  return advance(ctx, actor, "file", ({ data }) => {
    if (data.fileIds.includes(fileId)) return { step: "file", data };
    if (data.fileIds.length >= ENTRY_LIMITS.filesMax) throw new DomainError("too_many_files", { max: ENTRY_LIMITS.filesMax });
    return { step: "file", data: { ...data, fileIds: [...data.fileIds, fileId] } };
  });
}

export function filesDone(ctx: Ctx, actor: Actor): Promise<EntryState> {
  return advance(ctx, actor, "file", ({ data }) => ({ step: "confirm", data }));
}

/** The line as the journal will hold it. */
export function entryOfDraft(data: EntryDraft) {
  const dispatch =
    data.dispatch === undefined
      ? undefined
      : data.dispatch === "post"
        ? { method: "post" as const, ...(data.dispatchDetail && { postNumber: data.dispatchDetail }) }
        : data.dispatch === "email"
          ? { method: "email" as const, address: data.dispatchDetail ?? "" }
          : { method: data.dispatch };
  return entryInput.safeParse({
    journal: data.journal,
    direction: data.direction,
    correspondent: data.correspondent,
    summary: data.summary,
    pages: data.pages,
    dispatch,
    courtCase: data.journal === "court_cases" ? { caseNumber: data.caseNumber, court: data.correspondent } : undefined,
    fileIds: data.fileIds,
  });
}

/** Registers the line the flow holds and ends the flow; a second tap finds the flow gone. */
export async function finishEntry(ctx: Ctx, actor: Actor): Promise<RegisteredEntry> {
  assertCan(actor, "registry.journal");
  const { result } = await entryFlow.update(ctx, actor, async ({ step, data }, inTx) => {
    const parsed = entryOfDraft(data);
    if (step !== "confirm" || !parsed.success) throw new DomainError("stale_button");
    if (parsed.data.journal === "restricted" && !actor.clearance) throw new DomainError("clearance_required");
    const entry = await inTx.db.transaction((tx) => insertEntry(inTx, tx, actor, parsed.data));
    return { next: null, result: entry };
  });
  return result;
}
