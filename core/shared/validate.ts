import type { z } from "zod";
import { DomainError } from "./errors.js";

/** Parses use-case input; a shape the interface should never send is reported, not thrown raw. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new DomainError("invalid_input");
  return result.data;
}
