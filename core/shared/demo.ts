import { eq, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Ctx } from "./context.js";

/**
 * The condition that keeps the sandbox's made-up rows out of production's lists, notices and
 * assignments; in the sandbox they take part like any other (undefined: `and()` drops it).
 */
export function realRowsOnly(ctx: Pick<Ctx, "demo">, demoColumn: AnyPgColumn): SQL | undefined {
  return ctx.demo ? undefined : eq(demoColumn, false);
}

/** Made-up rows are the sandbox's alone: a production database never gets one. */
export function assertDemoAllowed(ctx: Pick<Ctx, "demo">, demo: boolean): void {
  if (demo && !ctx.demo) throw new Error("demo rows are written only in the sandbox");
}
