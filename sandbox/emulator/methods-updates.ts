import type { MethodHandler } from "./methods-common.js";
import { ApiError, badRequest } from "./params.js";

const CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

export const updateMethods: Record<string, MethodHandler> = {
  // Long polling: held open until an update is pending, the timeout passes,
  // the client disconnects, or a newer getUpdates takes over.
  getUpdates: async ({ state, params, signal }) => {
    if (state.webhook) throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = params.optionalInt("offset");
    const limit = Math.min(Math.max(params.optionalInt("limit") ?? 100, 1), 100);
    const timeoutMs = Math.max(params.optionalInt("timeout") ?? 0, 0) * 1000;
    if (offset !== undefined) state.confirmUpdates(offset);
    state.activePoll?.abort();
    const poll = new AbortController();
    state.activePoll = poll;
    await state.waitUntil(() => state.pendingUpdates().length > 0, timeoutMs, AbortSignal.any([signal, poll.signal]));
    if (state.activePoll === poll) state.activePoll = undefined;
    if (poll.signal.aborted) throw new ApiError(409, CONFLICT);
    return state.pendingUpdates(limit);
  },

  setWebhook: ({ state, params }) => {
    const url = params.string("url");
    if (!url.startsWith("https://")) throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    state.webhook = { url, secret_token: params.optionalString("secret_token") };
    return true;
  },

  getWebhookInfo: ({ state }) => ({ url: state.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: state.pendingUpdates().length }),

  deleteWebhook: ({ state, params }) => {
    state.webhook = undefined;
    if (params.bool("drop_pending_updates")) state.dropPendingUpdates();
    return true;
  },

  answerCallbackQuery: ({ state, params }) => {
    const query = state.callbackQueries.get(params.string("callback_query_id"));
    if (!query || query.answered) throw badRequest("query is too old and response timeout expired or query ID is invalid");
    query.answered = true;
    const text = params.optionalString("text");
    const chat = state.chat(query.chatId);
    if (text && chat) state.addToast(chat, { text, show_alert: params.bool("show_alert"), message_id: query.message_id });
    return true;
  },
};
