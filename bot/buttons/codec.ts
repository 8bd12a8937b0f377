import { z } from "zod";

/** Telegram's limit on callback data. */
const MAX_BYTES = 64;
/** The largest id a database `integer` holds. */
const INT_MAX = 2_147_483_647;

/**
 * A number as this bot writes it into button data: canonical decimal only. `0x1`, ` 1`, `+1`,
 * `1e0` or `01` never come from our buttons, so they are an old or forged button, not the number 1.
 */
const callbackNumber = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})$/)
  .transform(Number)
  .refine((n) => n <= INT_MAX);

/** An id (of an appeal, a person, a unit…): canonical decimal, never 0. */
const callbackId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= INT_MAX);

/**
 * What a field of button data may hold. There is deliberately no "index": a button names records
 * by their ids and choices by their names, so reordering a list never changes what an old button does.
 */
export type FieldKind = "id" | "page" | "version" | "choice" | "date" | "flag" | "token";

export interface Field<T> {
  kind: FieldKind;
  /** For a choice: the names it may carry. */
  values?: readonly string[];
  read: z.ZodType<T, string>;
  write(value: T): string;
}

const ISO_DATE = /^(\d{4})(\d{2})(\d{2})$/;

export const field = {
  /** A database id: canonical decimal, never 0. */
  id: { kind: "id", read: callbackId, write: String } satisfies Field<number>,
  /** A page of a list, from 0. */
  page: { kind: "page", read: callbackNumber, write: String } satisfies Field<number>,
  /** The version of the record the button was drawn for, so a press on an older screen is stale. */
  version: { kind: "version", read: callbackId, write: String } satisfies Field<number>,
  /** A calendar day, as YYYYMMDD on the wire. */
  date: {
    kind: "date",
    read: z.string().regex(ISO_DATE).transform((s) => s.replace(ISO_DATE, "$1-$2-$3")),
    write: (date: string) => date.replaceAll("-", ""),
  } satisfies Field<string>,
  flag: { kind: "flag", read: z.enum(["0", "1"]).transform((s) => s === "1"), write: (on: boolean) => (on ? "1" : "0") } satisfies Field<boolean>,
  /** A draft's idempotency key (a UUID). */
  token: { kind: "token", read: z.uuid(), write: String } satisfies Field<string>,
  /** One of a set of names; never a position in a list. */
  choice<const V extends readonly [string, ...string[]]>(...values: V): Field<V[number]> {
    if (values.some((v) => /^\d+$/.test(v))) throw new Error(`a choice is a name, not a number: ${values.join(", ")}`);
    return { kind: "choice", values, read: z.enum(values) as unknown as z.ZodType<V[number], string>, write: String };
  },
};

export type Fields = Record<string, Field<never> | Field<unknown>>;
export type ValuesOf<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export interface ButtonAction<F extends Fields> {
  /** `<family><version>:<action>`, the start of every button of this action. */
  id: string;
  fields: F;
  encode(values: ValuesOf<F>): string;
  decode(data: string | undefined): ValuesOf<F> | null;
}

export interface ButtonFamily {
  prefix: string;
  version: number;
  actions: ReadonlyMap<string, ButtonAction<Fields>>;
  action<F extends Fields>(name: string, fields: F): ButtonAction<F>;
}

const families = new Map<string, ButtonFamily>();

/** Every family of buttons the bot draws, for the tests that decode every button it sent. */
export function buttonFamilies(): readonly ButtonFamily[] {
  return [...families.values()];
}

/** The action a pressed button belongs to, or null for data no current button makes (an old release's). */
export function actionOf(data: string): { family: ButtonFamily; action: ButtonAction<Fields>; values: Record<string, unknown> } | null {
  const [head, name] = data.split(":", 2);
  const family = head ? families.get(head) : undefined;
  const action = family && name !== undefined ? family.actions.get(name) : undefined;
  const values = action?.decode(data);
  return family && action && values ? { family, action, values } : null;
}

/**
 * A feature's buttons, declared in one place: each action with named, typed fields, written as
 * `<prefix><version>:<action>:<field>:…` in declaration order. A change to any action's fields
 * bumps the version, so buttons still on screen from before are recognised as out of date.
 */
export function defineButtons(prefix: string, version: number): ButtonFamily {
  const head = `${prefix}${version}`;
  if (!/^[a-z]{1,4}$/.test(prefix) || families.has(head) || [...families.values()].some((f) => f.prefix === prefix)) {
    throw new Error(`button family ${head} is not a short, unique lowercase prefix`);
  }
  const actions = new Map<string, ButtonAction<Fields>>();
  const family: ButtonFamily = {
    prefix,
    version,
    actions,
    action<F extends Fields>(name: string, fields: F): ButtonAction<F> {
      if (!/^[a-z_]{1,12}$/.test(name) || actions.has(name)) throw new Error(`button action ${head}:${name} is not a short, unique name`);
      const id = `${head}:${name}`;
      const entries = Object.entries(fields) as [string, Field<unknown>][];
      const action: ButtonAction<F> = {
        id,
        fields,
        encode(values) {
          const data = [id, ...entries.map(([key, f]) => f.write((values as Record<string, unknown>)[key]))].join(":");
          if (Buffer.byteLength(data) > MAX_BYTES) throw new Error(`button data over ${MAX_BYTES} bytes: ${id}`);
          return data;
        },
        decode(data) {
          if (data !== id && !data?.startsWith(`${id}:`)) return null;
          const parts = data === id ? [] : data.slice(id.length + 1).split(":");
          if (parts.length !== entries.length) return null;
          const values: Record<string, unknown> = {};
          for (const [i, [key, f]] of entries.entries()) {
            const parsed = f.read.safeParse(parts[i]);
            if (!parsed.success) return null;
            values[key] = parsed.data;
          }
          return values as ValuesOf<F>;
        },
      };
      actions.set(name, action as unknown as ButtonAction<Fields>);
      return action;
    },
  };
  families.set(head, family);
  return family;
}
