import { z } from "zod";

/** Telegram's limit on callback data. */
const MAX_BYTES = 64;

/**
 * Short, versioned button data (`su1:kind:legal`): the prefix names the feature and the version
 * of its format, so buttons from an older release are recognised as stale instead of misread.
 */
export function defineCallback<T extends [z.ZodType, ...z.ZodType[]]>(prefix: string, ...parts: T) {
  const schema = z.tuple(parts);
  return {
    pattern: new RegExp(`^${prefix}:`),
    encode(...values: { [K in keyof T]: z.input<T[K]> }): string {
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
