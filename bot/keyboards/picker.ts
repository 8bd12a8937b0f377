import { Composer, InlineKeyboard } from "grammy";
import { QUERY_MAX, rememberShownList, type ShownList, type ShownListData } from "../../core/flows/shown-list.js";
import { DomainError } from "../../core/shared/errors.js";
import { defineButtons, field, type Fields, type ValuesOf } from "../buttons/codec.js";
import { onPress } from "../buttons/on-press.js";
import type { BotContext } from "../context.js";
import type { Screen } from "../flows/chat-flow.js";
import { joinHtml, type Html } from "../../locales/html.js";
import { answerCallback, showInPlace } from "../messages.js";

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

/** What a list declared without named `args` depends on: two numbers, carried by its page buttons. */
export type ListArgs = [number, number];
const PAIR = { a: field.page, b: field.page };

type ArgFields = Fields | undefined;
/** A list's args: its named fields' values, or the pair of a list that names none. */
export type ArgsOf<F extends ArgFields> = F extends Fields ? ValuesOf<F> : ListArgs;
/** Args as a row keeps them and the codec writes them: by name. */
type Values = ShownListData["args"];

export interface PickerSpec<F extends ArgFields = undefined> {
  /** The list's own button family (1–4 letters; a version digit after them, as lists were first declared, is dropped). */
  prefix: string;
  /** What the list depends on, as button fields (`{ appeal: field.id, category: field.choice(…) }`); `{}` for nothing. */
  args?: F;
  /** Every item, in order; the core checks that the person may see them. */
  items(ctx: BotContext, args: ArgsOf<F>, input: string | undefined): Promise<PickerItem[]>;
  /** The message above the items; `items` is the whole list, before any search. */
  title(ctx: BotContext, args: ArgsOf<F>, input: string | undefined, items: readonly PickerItem[]): Html | Promise<Html>;
  /** Said when the list has no items at all. */
  empty?(ctx: BotContext, input: string | undefined): Html;
  /** An item's button; a list without one shows its items as lines only. */
  pick?(id: number, args: ArgsOf<F>): string;
  /** Buttons under the pages: back, done, add. */
  footer?(ctx: BotContext, keyboard: InlineKeyboard, args: ArgsOf<F>): void;
}

export interface ListView<F extends ArgFields = undefined> {
  /** Required when the list declares args. */
  args?: ArgsOf<F>;
  page?: number;
  query?: string;
  input?: string;
}

/** A list as its row remembers it: what a typed word or a restart shows again. */
export interface RememberedList {
  /** Its screen as remembered, for the flow to present. */
  screen(ctx: BotContext, shown: ShownListData): Promise<Screen>;
  /** The words typed search it; the result comes as a new message. */
  search(ctx: BotContext, shown: ShownListData, query: string): Promise<number>;
}

export interface Picker<F extends ArgFields = undefined> extends RememberedList {
  spec: PickerSpec<F>;
  /** Shows the list in place of `messageId` (or as a new message); it becomes the step a typed word searches. */
  show(ctx: BotContext, view: ListView<F>, messageId?: number): Promise<number>;
  /** Shows it again after a press on it (a choice ticked), at the page and search it was at. */
  again(ctx: BotContext, messageId: number | undefined): Promise<number>;
}

/** Every list's page buttons; the list search mounts it, after it has taken the list off as the active step. */
export const listPages = new Composer<BotContext>();

const pickers = new Map<string, RememberedList>();

export function pickerOf(list: string): RememberedList | undefined {
  return pickers.get(list);
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
export function definePicker<F extends ArgFields = undefined>(spec: PickerSpec<F>): Picker<F> {
  const name = spec.prefix.replace(/\d+$/, "");
  const fields: Fields = spec.args ?? PAIR;
  if ("page" in fields) throw new Error(`list ${name}: "page" is the pager's own field`);
  // Version 2: the first page buttons were written positionally, under the same letters.
  const buttons = defineButtons(name, 2);
  const toPage = buttons.action("pg", { page: field.page, ...fields });
  const showAll = buttons.action("all", fields);

  const toSpec = (values: Values) => (spec.args ? values : [values.a, values.b]) as ArgsOf<F>;
  const fromSpec = (args: ArgsOf<F> | undefined): Values => {
    if (spec.args) return (args ?? {}) as Values;
    const [a = 0, b = 0] = (args as ListArgs | undefined) ?? [];
    return { a, b };
  };
  /** Args read back from a row, checked as a press would check them; null when they no longer fit the list. */
  const restore = (stored: Values): Values | null => {
    try {
      return showAll.decode(showAll.encode(stored as never)) as Values | null;
    } catch {
      return null;
    }
  };

  /** ◀️ · the page of how many · ▶️, each turning the page in place. */
  function pager(keyboard: InlineKeyboard, page: number, pages: number, values: Values): void {
    if (page > 0) keyboard.text("◀️", toPage.encode({ ...values, page: page - 1 } as never));
    keyboard.text(`${page + 1} / ${pages}`, toPage.encode({ ...values, page } as never));
    if (page < pages - 1) keyboard.text("▶️", toPage.encode({ ...values, page: page + 1 } as never));
    keyboard.row();
  }

  /** What the search found, that there is nothing yet, or that a word finds one in a long list. */
  function status(ctx: BotContext, query: string, found: number, all: number, pages: number, input: string | undefined): Html | undefined {
    if (query) return ctx.t(found === 0 ? "picker.nothing_found" : "picker.found", { query, count: found });
    if (all === 0) return spec.empty?.(ctx, input);
    return pages > 1 ? ctx.t("picker.type_to_search") : undefined;
  }

  async function render(ctx: BotContext, values: Values, view: Omit<ListView, "args">): Promise<{ screen: Screen; remembered: ShownListData }> {
    const args = toSpec(values);
    const query = (view.query ?? "").trim().slice(0, QUERY_MAX);
    const all = await spec.items(ctx, args, view.input);
    const found = query ? all.filter((item) => matches(item, query)) : all;
    const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    const page = Math.min(view.page ?? 0, pages - 1);
    const onPage = found.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);

    const markup = new InlineKeyboard();
    if (spec.pick) for (const item of onPage) markup.text(clip(item.label), spec.pick(item.id, args)).row();
    if (pages > 1) pager(markup, page, pages, values);
    if (query) markup.text(ctx.label("picker.show_all"), showAll.encode(values as never)).row();
    spec.footer?.(ctx, markup, args);

    const lines = onPage.flatMap((item) => (item.line === undefined ? [] : [item.line]));
    const text = joinHtml([await spec.title(ctx, args, view.input, all), lines.length ? joinHtml(lines) : undefined, status(ctx, query, found.length, all.length, pages, view.input)], "\n\n");
    return { screen: { text, markup }, remembered: { list: name, args: values, page, query, ...(view.input !== undefined && { input: view.input }) } };
  }

  async function display(ctx: BotContext, values: Values, view: Omit<ListView, "args">, messageId?: number): Promise<number> {
    const { screen, remembered } = await render(ctx, values, view);
    const shown = await showInPlace(ctx, messageId, screen.text, screen.markup);
    await rememberShownList(ctx.deps.core, ctx.actor, remembered, shown);
    return shown;
  }

  /** The list that was on screen before this press, when it was this one in this message. */
  const sameList = (was: ShownList | null | undefined, messageId: number | undefined) => (was?.list === name && was.messageId === messageId ? was : undefined);

  function storedArgs(shown: ShownListData): Values {
    const values = restore(shown.args);
    if (!values) throw new DomainError("stale_button");
    return values;
  }

  async function turn(ctx: BotContext, values: Values, page: number, everything: boolean): Promise<void> {
    const messageId = ctx.callbackQuery?.message?.message_id;
    const was = sameList(ctx.shownList, messageId);
    await display(ctx, values, { page, query: everything ? "" : was?.query, input: was?.input }, messageId);
    await answerCallback(ctx);
  }
  onPress(listPages, toPage, (ctx, { page, ...values }) => turn(ctx, values as Values, page as number, false));
  onPress(listPages, showAll, (ctx, values) => turn(ctx, values as Values, 0, true));

  const picker: Picker<F> = {
    spec,
    show: (ctx, view, messageId) => display(ctx, fromSpec(view.args), view, messageId),
    again(ctx, messageId) {
      const same = sameList(ctx.shownList, messageId);
      const values = (same && restore(same.args)) ?? fromSpec(undefined);
      return display(ctx, values, { page: same?.page, query: same?.query, input: same?.input }, messageId);
    },
    screen: async (ctx, shown) => (await render(ctx, storedArgs(shown), shown)).screen,
    search: (ctx, shown, query) => display(ctx, storedArgs(shown), { query, input: shown.input }),
  };
  pickers.set(name, picker);
  return picker;
}
