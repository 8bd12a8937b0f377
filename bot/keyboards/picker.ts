import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { QUERY_MAX, rememberShownList, type ShownListData } from "../../core/flows/shown-list.js";
import { callbackNumber, defineCallback } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { joinHtml, type Html } from "../html.js";
import { showInPlace } from "../messages.js";

/** Items on one page: few enough to read, and far below Telegram's 100 buttons a message. */
export const PAGE_SIZE = 10;
/** Telegram shows about this much of a button's label. */
const LABEL_MAX = 60;

export interface PickerItem {
  /** What the item's button carries: an id, never a position in the list. */
  id: number;
  /** The button's text, shown as it is. */
  label: string;
  /** A line about the item above the buttons, for lists that say more than a label. */
  line?: Html;
}

/** Up to two numbers a list depends on (the appeal and the category being routed), carried by its page buttons. */
export type ListArgs = [number, number];

export interface PickerSpec {
  /** The list's own button prefix: its page turns come back to it. */
  prefix: string;
  /** Every item, in order; the core checks that the person may see them. */
  items(ctx: BotContext, args: ListArgs, input: string | undefined): Promise<PickerItem[]>;
  /** The message above the items; `items` is the whole list, before any search. */
  title(ctx: BotContext, args: ListArgs, input: string | undefined, items: readonly PickerItem[]): Html | Promise<Html>;
  /** Said when the list has no items at all. */
  empty?(ctx: BotContext, input: string | undefined): Html;
  /** An item's button; a list without one shows its items as lines only. */
  pick?(id: number, args: ListArgs): string;
  /** Buttons under the pages: back, done, add. */
  footer?(ctx: BotContext, keyboard: InlineKeyboard, args: ListArgs): void;
}

export interface ListView {
  args?: ListArgs;
  page?: number;
  query?: string;
  input?: string;
}

export interface Picker {
  spec: PickerSpec;
  /** `pg`: to a page; `all`: the whole list again, without the search. */
  button: ReturnType<typeof definePageButton>;
  /** Shows the list in place of `messageId` (or as a new message); it becomes the step a typed word searches. */
  show(ctx: BotContext, view: ListView, messageId?: number): Promise<number>;
  /** Shows it again after a press on it (a choice ticked), at the page and search it was at. */
  again(ctx: BotContext, messageId: number | undefined): Promise<number>;
}

const definePageButton = (prefix: string) => defineCallback(prefix, z.enum(["pg", "all"]), callbackNumber, callbackNumber, callbackNumber);

const pickers = new Map<string, Picker>();

export function pickerOf(list: string): Picker | undefined {
  return pickers.get(list);
}

/** The picker whose page button this is. */
export function pickerFor(data: string): Picker | undefined {
  const end = data.indexOf(":");
  return end > 0 ? pickers.get(data.slice(0, end)) : undefined;
}

/** Every word typed, in any case, somewhere in the item's label or line. */
function matches(item: PickerItem, query: string): boolean {
  const haystack = `${item.label} ${item.line ?? ""}`.toLocaleLowerCase();
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

const clip = (label: string) => (label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label);

/**
 * A list of choices as Telegram can show it: ten items a page, ◀ / ▶ that edit the message in
 * place, the page shown between them, and a search by typing a word while the list is on screen.
 */
export function definePicker(spec: PickerSpec): Picker {
  const button = definePageButton(spec.prefix);

  /** ◀️ · the page of how many · ▶️, each turning the page in place. */
  function pager(keyboard: InlineKeyboard, page: number, pages: number, args: ListArgs): void {
    if (page > 0) keyboard.text("◀️", button.encode("pg", page - 1, ...args));
    keyboard.text(`${page + 1} / ${pages}`, button.encode("pg", page, ...args));
    if (page < pages - 1) keyboard.text("▶️", button.encode("pg", page + 1, ...args));
    keyboard.row();
  }

  /** What the search found, that there is nothing yet, or that a word finds one in a long list. */
  function status(ctx: BotContext, query: string, found: number, all: number, pages: number, input: string | undefined): Html | undefined {
    if (query) return ctx.t(found === 0 ? "picker.nothing_found" : "picker.found", { query, count: found });
    if (all === 0) return spec.empty?.(ctx, input);
    return pages > 1 ? ctx.t("picker.type_to_search") : undefined;
  }

  async function show(ctx: BotContext, view: ListView, messageId?: number): Promise<number> {
    const args = view.args ?? [0, 0];
    const query = (view.query ?? "").trim().slice(0, QUERY_MAX);
    const all = await spec.items(ctx, args, view.input);
    const found = query ? all.filter((item) => matches(item, query)) : all;
    const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    const page = Math.min(view.page ?? 0, pages - 1);
    const onPage = found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

    const keyboard = new InlineKeyboard();
    if (spec.pick) for (const item of onPage) keyboard.text(clip(item.label), spec.pick(item.id, args)).row();
    if (pages > 1) pager(keyboard, page, pages, args);
    if (query) keyboard.text(ctx.label("picker.show_all"), button.encode("all", 0, ...args)).row();
    spec.footer?.(ctx, keyboard, args);

    const lines = onPage.flatMap((item) => (item.line === undefined ? [] : [item.line]));
    const text = joinHtml([await spec.title(ctx, args, view.input, all), lines.length ? joinHtml(lines) : undefined, status(ctx, query, found.length, all.length, pages, view.input)], "\n\n");
    const shown = await showInPlace(ctx, messageId, text, keyboard);
    const remembered: ShownListData = { list: spec.prefix, args, page, query, ...(view.input !== undefined && { input: view.input }) };
    await rememberShownList(ctx.deps.core, ctx.actor, remembered, shown);
    return shown;
  }

  function again(ctx: BotContext, messageId: number | undefined): Promise<number> {
    const was = ctx.shownList;
    const same = was?.list === spec.prefix && was.messageId === messageId ? was : undefined;
    return show(ctx, { args: same?.args, page: same?.page, query: same?.query, input: same?.input }, messageId);
  }

  const picker = { spec, button, show, again };
  pickers.set(spec.prefix, picker);
  return picker;
}
