import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Tx } from "../../db/client.js";
import { flows } from "../../db/schema/index.js";
import type { Ctx } from "../shared/context.js";
import { DomainError } from "../shared/errors.js";
import { assertMayAttempt, type Action } from "../shared/permissions.js";
import type { Actor } from "../shared/roles.js";
import { forgetFlows, seenFlow, type StoredFlow } from "./seen-flows.js";

export interface FlowState<S extends string, D> {
  step: S;
  data: D;
  /** The bot message that asks the current question, so it can be edited or stripped of buttons. */
  messageId: number | null;
  /** Grows with every write: a write based on an older state is refused instead of lost. */
  version: number;
  /** The update (`Ctx.update`) that wrote this state last, if one did. */
  appliedUpdate?: number | null;
}

export type FlowStep<S extends string, D> = { step: S; data: D };

/**
 * One chat flow (sign-up, intake, a booking, an answer draft): its steps, the data each keeps, where
 * Back leads and what ending it early undoes. The bot's router, /cancel, Back, re-asking after a
 * restart and the expiry job work from this declaration alone.
 */
export interface FlowDefinition<S extends string, D> {
  name: string;
  /** What the person must be allowed to attempt to be in the flow at all: a citizen in a staff flow is told so first. */
  permission: Action;
  steps: readonly S[];
  data: z.ZodType<D>;
  /** Where Back leads (the step, and the data as it should be there); null (or no function) where Back is not offered. */
  back?: (current: FlowStep<S, D>) => FlowStep<S, D> | null;
  /** What ending the flow early (or its expiry) undoes besides its row, in the same transaction. */
  onCancel?: (ctx: Ctx, tx: Tx, userId: number, state: FlowState<S, D>) => Promise<void>;
  /** A draft worth a warning before it expires (one holding the person's files). */
  worthKeeping?: (data: D) => boolean;
}

export interface Flow<S extends string, D> extends FlowDefinition<S, D> {
  load(ctx: Ctx, actor: Actor, db?: DbOrTx): Promise<FlowState<S, D> | null>;
  /** Starts (or starts over) the flow at `step`. */
  start(ctx: Ctx, actor: Actor, next: FlowStep<S, D>, db?: DbOrTx): Promise<FlowState<S, D>>;
  /**
   * Read-modify-write in one transaction: the row is locked, `change` sees the latest state and
   * says what comes next (`next: null` ends the flow) and what to return. `inTx` is `ctx` with the
   * transaction as its database: use cases called with it commit or roll back with the step.
   */
  update<R>(ctx: Ctx, actor: Actor, change: (state: FlowState<S, D>, inTx: Ctx) => Promise<Change<S, D, R>>): Promise<Updated<S, D, R>>;
  /**
   * The same for a change that only moves the flow on and writes nothing else: no transaction, and
   * the flow read with the person serves, so the step is one statement. A write based on a state
   * that has moved on since is refused (`flow_conflict`), as in `update`.
   */
  advance<R>(ctx: Ctx, actor: Actor, change: (state: FlowState<S, D>) => Change<S, D, R>): Promise<Updated<S, D, R>>;
  /** Ends the flow as finished; says whether it was still there (a second tap finds it gone). */
  end(ctx: Ctx, actor: Actor, db?: DbOrTx): Promise<boolean>;
  /** Ends the flow early, undoing what `onCancel` says; the state it was in, or null. */
  cancel(ctx: Ctx, actor: Actor): Promise<FlowState<S, D> | null>;
  /** One step back, as `back` says; a press on an older question is stale. */
  goBack(ctx: Ctx, actor: Actor, version: number): Promise<FlowState<S, D>>;
  /** Remembers the message that asks the question of this version of the state. */
  setMessage(ctx: Ctx, actor: Actor, messageId: number, version: number): Promise<void>;
}

export interface Change<S extends string, D, R> {
  next: FlowStep<S, D> | null;
  result: R;
}

export interface Updated<S extends string, D, R> {
  /** The flow as written, or null when the change ended it. */
  state: FlowState<S, D> | null;
  result: R;
}

const registry = new Map<string, Flow<string, unknown>>();
/** Every write takes the next number, so the order of touches never depends on the clock. */
const TOUCH = sql`nextval('flows_touched_seq')`;

/** Every flow declared, for /cancel, re-asking, the expiry job and the tests that walk them all. */
export function registeredFlows(): readonly Flow<string, unknown>[] {
  return [...registry.values()];
}

/**
 * Whether this state was written while handling the update `ctx` handles now: the update is being
 * handled a second time, and its answer was taken already. Answers that add (a text part, a
 * toggle) check it, so a second run changes nothing.
 */
export function writtenBy(state: { appliedUpdate?: number | null }, ctx: Ctx): boolean {
  return ctx.update !== undefined && state.appliedUpdate === ctx.update;
}

export function flowNamed(name: string): Flow<string, unknown> | undefined {
  return registry.get(name);
}

export function defineFlow<S extends string, D>(definition: FlowDefinition<S, D>): Flow<S, D> {
  if (registry.has(definition.name)) throw new Error(`flow ${definition.name} declared twice`);
  const schema = z.object({ step: z.enum(definition.steps as [S, ...S[]]), data: definition.data });

  /** A stored row as this flow's state; null when it no longer fits the declaration. */
  function parse(row: Omit<StoredFlow, "name">): FlowState<S, D> | null {
    const parsed = schema.safeParse({ step: row.step, data: row.data });
    if (!parsed.success) return null;
    return { step: parsed.data.step as S, data: parsed.data.data as D, messageId: row.messageId, version: row.version, appliedUpdate: row.appliedUpdate };
  }

  async function read(ctx: Ctx, db: DbOrTx, actor: Actor, lock: boolean): Promise<FlowState<S, D> | null> {
    assertMayAttempt(actor, definition.permission);
    const query = db.select().from(flows).where(and(eq(flows.userId, actor.userId), eq(flows.name, definition.name)));
    const [row] = lock ? await query.for("update") : await query;
    if (!row) return null;
    const state = parse(row);
    if (state) return state;
    // A row written by an older release that no longer fits: start the flow again rather than stick.
    ctx.log.warn({ userId: actor.userId, flow: definition.name, step: row.step }, "stored flow no longer fits its schema; restarting it");
    await remove(ctx, db, actor);
    return null;
  }

  /** The state as read with the person when this update began, if it was and still fits; else from `db`. */
  async function current(ctx: Ctx, db: DbOrTx, actor: Actor, lock: boolean): Promise<FlowState<S, D> | null> {
    const seen = seenFlow(ctx, actor.userId, definition.name);
    const state = seen ? parse(seen) : null;
    if (seen === undefined || (seen !== null && state === null)) return read(ctx, db, actor, lock);
    assertMayAttempt(actor, definition.permission);
    return state;
  }

  /** Deletes the row; with `version`, only that version of it (a write based on an older state changes nothing). */
  async function remove(ctx: Ctx, db: DbOrTx, actor: Actor, version?: number): Promise<boolean> {
    forgetFlows(ctx, actor.userId);
    const deleted = await db
      .delete(flows)
      .where(and(eq(flows.userId, actor.userId), eq(flows.name, definition.name), version === undefined ? undefined : eq(flows.version, version)))
      .returning({ userId: flows.userId });
    return deleted.length > 0;
  }

  async function write(ctx: Ctx, db: DbOrTx, actor: Actor, next: FlowStep<S, D>, basedOn: number): Promise<FlowState<S, D>> {
    forgetFlows(ctx, actor.userId);
    const [row] = await db
      .update(flows)
      .set({ step: next.step, data: next.data, version: sql`${flows.version} + 1`, updatedAt: ctx.clock.now(), touched: TOUCH, appliedUpdate: ctx.update ?? null })
      .where(and(eq(flows.userId, actor.userId), eq(flows.name, definition.name), eq(flows.version, basedOn)))
      .returning();
    // Someone else moved the flow on since it was read: the person is asked to repeat, nothing is lost.
    if (!row) throw new DomainError("flow_conflict");
    return { ...next, messageId: row.messageId, version: row.version, appliedUpdate: row.appliedUpdate };
  }

  /** Writes what a change made of `state`: the next step, the end of the flow, or nothing when nothing changed. */
  async function settle(ctx: Ctx, db: DbOrTx, actor: Actor, state: FlowState<S, D>, next: FlowStep<S, D> | null): Promise<FlowState<S, D> | null> {
    if (next === null) {
      if (!(await remove(ctx, db, actor, state.version))) throw new DomainError("flow_conflict");
      return null;
    }
    // An answer that changes nothing (a file sent twice) writes nothing.
    if (next.step === state.step && next.data === state.data) return state;
    return write(ctx, db, actor, { step: next.step, data: schema.parse(next).data as D }, state.version);
  }

  const flow: Flow<S, D> = {
    ...definition,
    load: (ctx, actor, db = ctx.db) => (db === ctx.db ? current(ctx, db, actor, false) : read(ctx, db, actor, false)),
    async start(ctx, actor, next, db = ctx.db) {
      assertMayAttempt(actor, definition.permission);
      const data = schema.parse(next).data as D;
      const now = ctx.clock.now();
      forgetFlows(ctx, actor.userId);
      const [row] = await db
        .insert(flows)
        .values({ userId: actor.userId, name: definition.name, step: next.step, data, updatedAt: now, appliedUpdate: ctx.update ?? null })
        .onConflictDoUpdate({
          target: [flows.userId, flows.name],
          set: { step: next.step, data, messageId: null, version: sql`${flows.version} + 1`, updatedAt: now, touched: TOUCH, appliedUpdate: ctx.update ?? null },
        })
        .returning();
      return { step: next.step, data, messageId: null, version: row!.version, appliedUpdate: row!.appliedUpdate };
    },
    update(ctx, actor, change) {
      return ctx.db.transaction(async (tx) => {
        // The state read as the update began saves locking the row again; the write below is
        // refused if the flow moved on since (by its version), and everything here with it.
        const state = await current(ctx, tx, actor, true);
        if (!state) throw new DomainError("stale_button");
        const { next, result } = await change(state, { ...ctx, db: tx });
        return { state: await settle(ctx, tx, actor, state, next), result };
      });
    },
    async advance(ctx, actor, change) {
      const state = await current(ctx, ctx.db, actor, false);
      if (!state) throw new DomainError("stale_button");
      const { next, result } = change(state);
      return { state: await settle(ctx, ctx.db, actor, state, next), result };
    },
    end: (ctx, actor, db = ctx.db) => remove(ctx, db, actor),
    cancel(ctx, actor) {
      return ctx.db.transaction(async (tx) => {
        const state = await read(ctx, tx, actor, true);
        if (state) {
          await definition.onCancel?.(ctx, tx, actor.userId, state);
          await remove(ctx, tx, actor);
        }
        return state;
      });
    },
    async goBack(ctx, actor, version) {
      const { state } = await flow.advance(ctx, actor, (current) => {
        const target = current.version === version ? definition.back?.(current) : null;
        if (!target) throw new DomainError("stale_button");
        return { next: target, result: undefined };
      });
      return state!;
    },
    async setMessage(ctx, actor, messageId, version) {
      forgetFlows(ctx, actor.userId);
      await ctx.db
        .update(flows)
        .set({ messageId })
        .where(and(eq(flows.userId, actor.userId), eq(flows.name, definition.name), eq(flows.version, version)));
    },
  };
  registry.set(definition.name, flow as unknown as Flow<string, unknown>);
  return flow;
}
