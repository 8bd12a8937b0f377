import { Composer, InlineKeyboard } from "grammy";
import type { Contact } from "grammy/types";
import type { Flow, FlowState } from "../../core/flows/flow.js";
import { field, type ButtonFamily } from "../buttons/codec.js";
import { onPress } from "../buttons/on-press.js";
import type { BotContext } from "../context.js";
import type { IncomingFile } from "../files/save-upload.js";
import type { Html } from "../../locales/html.js";
import { answerCallback, send, showInPlace, stripButtons } from "../messages.js";

export interface Screen {
  text: Html;
  markup?: InlineKeyboard;
}

/** One step as the person meets it: its question, and what it takes besides its own buttons. */
export interface ChatStep<S extends string, D> {
  /** Shown on entering the step, and again after a restart, /language or a message it cannot take. */
  ask(ctx: BotContext, state: FlowState<S, D>): Screen | Promise<Screen>;
  text?(ctx: BotContext, state: FlowState<S, D>, text: string): Promise<void>;
  file?(ctx: BotContext, state: FlowState<S, D>, file: IncomingFile): Promise<void>;
  contact?(ctx: BotContext, state: FlowState<S, D>, contact: Contact): Promise<void>;
}

export interface ChatFlowSpec<S extends string, D> {
  flow: Flow<S, D>;
  /** The flow's buttons; its Back button is added to them. */
  buttons: ButtonFamily;
  steps: { [K in S]: ChatStep<S, D> };
  /** What the person reads when /cancel ends the flow; "Cancelled" when absent. */
  cancelled?(ctx: BotContext): Screen;
}

/**
 * Where a question is shown: in place of the flow's last question, as a new message below, or in
 * place of the message whose button was pressed (a menu that turns into the question, a list's
 * search result), which then becomes the flow's question.
 */
export type Via = "edit" | "new" | "pressed";

export interface ChatFlow<S extends string, D> extends ChatFlowSpec<S, D> {
  /** Shows the step's question, with Back where the flow allows it. */
  present(ctx: BotContext, state: FlowState<S, D>, via: Via): Promise<void>;
}

type AnyChatFlow = ChatFlow<string, unknown>;
const chatFlows = new Map<string, AnyChatFlow>();

export function chatFlowNamed(name: string | undefined): AnyChatFlow | undefined {
  return name === undefined ? undefined : chatFlows.get(name);
}

export function registeredChatFlows(): readonly AnyChatFlow[] {
  return [...chatFlows.values()];
}

/** The message a question replaces, or null for a new one below. */
export function placeOf(ctx: BotContext, state: { messageId: number | null }, via: Via): number | null {
  if (via === "new") return null;
  if (via === "pressed") return ctx.callbackQuery?.message?.message_id ?? null;
  return state.messageId;
}

/** Where every flow's Back presses are handled; the router mounts it. */
export const flowBackButtons = new Composer<BotContext>();

/**
 * A chat flow in one declaration over its core flow: each step's question and the input it takes.
 * Typed input reaches it through the router, /cancel ends it, Back steps back where the core flow
 * says, and a restart re-asks the step, all without the flow being listed anywhere else.
 */
export function defineChatFlow<S extends string, D>(spec: ChatFlowSpec<S, D>): ChatFlow<S, D> {
  const back = spec.buttons.action("back", { version: field.version });

  const chat: ChatFlow<S, D> = {
    ...spec,
    async present(ctx, state, via) {
      const target = placeOf(ctx, state, via);
      const screen = await spec.steps[state.step].ask(ctx, state);
      let markup = screen.markup;
      if (spec.flow.back?.(state)) markup = (markup ?? new InlineKeyboard()).row().text(ctx.label("common.back"), back.encode({ version: state.version }));
      const messageId =
        target !== null
          ? await showInPlace(ctx, target, screen.text, markup)
          : (await stripButtons(ctx, state.messageId), await send(ctx, screen.text, markup));
      if (messageId !== state.messageId) await spec.flow.setMessage(ctx.deps.core, ctx.actor, messageId, state.version);
    },
  };

  // A press on an older question (the version moved on) is stale; the core refuses it.
  onPress(flowBackButtons, back, async (ctx, { version }) => {
    const state = await spec.flow.goBack(ctx.deps.core, ctx.actor, version);
    await answerCallback(ctx);
    await chat.present(ctx, state, "edit");
  });
  chatFlows.set(spec.flow.name, chat as unknown as AnyChatFlow);
  return chat;
}
