import { z } from "zod";

/** Telegram's limit on callback data. */
const MAX_BYTES = 64;
/** The largest id a database `integer` holds. */
const INT_MAX = 2_147_483_647;

/**
 * A number as this bot writes it into button data: canonical decimal only. `0x1`, ` 1`, `+1`,
 * `1e0` or `01` never come from our buttons, so they are an old or forged button, not the number 1.
 */
export const callbackNumber = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})$/)
  .transform(Number)
  .refine((n) => n <= INT_MAX);

/** An id (of an appeal, a person, a unit…): canonical decimal, never 0. */
export const callbackId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= INT_MAX);

export interface CallbackDefinition {
  prefix: string;
  parts: readonly z.ZodType[];
}

/** Every kind of button the bot makes, so a test can press each one as anybody could. */
const definitions: CallbackDefinition[] = [];

export function definedCallbacks(): readonly CallbackDefinition[] {
  return definitions;
}

/**
 * Short, versioned button data (`su1:kind:legal`): the prefix names the feature and the version
 * of its format, so buttons from an older release are recognised as stale instead of misread.
 */
export function defineCallback<T extends [z.ZodType, ...z.ZodType[]]>(prefix: string, ...parts: T) {
  const schema = z.tuple(parts);
  // A prefix names one kind of button, so a press never reaches another feature's handler.
  if (definitions.some((d) => d.prefix === prefix)) throw new Error(`button prefix defined twice: ${prefix}`);
  definitions.push({ prefix, parts });
  return {
    prefix,
    pattern: new RegExp(`^${prefix}:`),
    encode(...values: { [K in keyof T]: z.output<T[K]> }): string {
      const data = [prefix, ...values.map(String)].join(":");
      if (Buffer.byteLength(data) > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes: ${prefix}`);
      return data;
    },
    parse(data: string | undefined): z.output<typeof schema> | null {
      if (!data?.startsWith(`${prefix}:`)) return null;
      const result = schema.safeParse(data.slice(prefix.length + 1).split(":"));
      return result.success ? result.data : null;
    },
  };
}
