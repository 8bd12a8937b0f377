import type { Db } from "../../db/client.js";
import type { FileStore } from "../files/file-store.js";
import type { Clock } from "./clock.js";
import type { Seen } from "./seen.js";

/** The part of a pino logger the domain uses; ids only, never personal data. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every use case receives: `(ctx, actor, input)` (DESIGN §8). */
export interface Ctx {
  db: Db;
  clock: Clock;
  log: Logger;
  files: FileStore;
  /** True in the sandbox, where made-up people, units and officials take part; production never sees them. */
  demo?: boolean;
  /**
   * The Telegram update being handled, when there is one. The inbox may hand an update on a second
   * time (a crash between its effect and its being marked done); flows remember it to know that.
   */
  update?: number;
  /** What this update has read already (see `Seen`); absent outside an update's handling. */
  seen?: Seen;
}
