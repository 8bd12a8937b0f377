import { JOURNALS } from "../../../core/registry/kinds.js";
import { DISPATCH_CHOICES } from "../../../core/registry/entry-flow.js";
import { EXPORT_PERIODS } from "../../../core/registry/export-period.js";
import { defineButtons, field } from "../../buttons/codec.js";

/** The registry menu: a journal's lines, a line's card, a new line, marking for official use. */
const registry = defineButtons("rg", 1);
export const menuButton = registry.action("menu", {});
export const journalButton = registry.action("journal", { journal: field.choice(...JOURNALS) });
export const openEntry = registry.action("open", { entry: field.id });
export const newEntryButton = registry.action("new", {});
export const markButton = registry.action("mark", { entry: field.id, restricted: field.flag });
export const exportButton = registry.action("export", { journal: field.choice(...JOURNALS), period: field.choice(...EXPORT_PERIODS) });

/** The new-line flow's buttons (its Back too): the journal, the direction of a court case, how a letter went, skip, done, register. */
export const entryButtons = defineButtons("re", 1);
export const entryJournalButton = entryButtons.action("journal", { journal: field.choice(...JOURNALS) });
export const directionButton = entryButtons.action("direction", { direction: field.choice("in", "out") });
export const dispatchButton = entryButtons.action("dispatch", { dispatch: field.choice(...DISPATCH_CHOICES) });
export const skipButton = entryButtons.action("skip", { step: field.choice("pages", "dispatch_detail", "file") });
export const filesDoneButton = entryButtons.action("files_done", {});
export const registerButton = entryButtons.action("register", {});

/** The reason for a mark: its flow's Back. */
export const markReasonButtons = defineButtons("rm", 1);
