import type { Composer } from "grammy";
import { DomainError } from "../../core/shared/errors.js";
import type { BotContext } from "../context.js";
import type { ButtonAction, Fields, ValuesOf } from "./codec.js";

/**
 * The one way a press reaches its handler: the action's data decoded into named values. Data that
 * does not decode (forged, or from an older release) gets "this button is out of date".
 */
export function onPress<F extends Fields>(composer: Composer<BotContext>, action: ButtonAction<F>, handler: (ctx: BotContext, values: ValuesOf<F>) => Promise<unknown>): void {
  composer.callbackQuery(new RegExp(`^${action.id}(:|$)`), async (ctx) => {
    const values = action.decode(ctx.callbackQuery.data);
    if (!values) throw new DomainError("stale_button");
    await handler(ctx, values);
  });
}
