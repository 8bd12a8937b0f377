import { sql } from "drizzle-orm";
import type { DeliveryConfig } from "../../core/config.js";
import type { Logger } from "../../core/shared/context.js";
import type { Database, Db } from "../../db/client.js";
import { realTime, type PaceTime } from "./pace-time.js";
import { SendBudget } from "./send-budget.js";

/** The longest an outbox send sleeps before asking the clock again, so a freed moment is not missed long. */
const OUTBOX_RECHECK_MS = 50;
/**
 * Moments are spaced for this share of the rate: a send reaches Telegram a little after its
 * moment, by a varying delay, and the spare tenth keeps such delays from bunching one more send
 * into a second Telegram counts.
 */
const HEADROOM = 0.9;
/** How long a send waits for the clock's answer before going by this instance's budget alone. */
const ANSWER_WITHIN_MS = 1000;

/**
 * The bot-wide side of the send budget when several instances share one PostgreSQL: every send
 * takes the next moment of the `send_pace` row, one gap (a little over 1/rate s) after the
 * previous one, by the database's clock, so no instance's clock skew matters and the instances
 * together never post faster than the rate. A reply always takes the next moment and waits for
 * it; the outbox takes one only when it is free now, so replies waiting anywhere go first. When
 * the database cannot answer within a second, a send is not held up: the instance's own budget
 * still paces it.
 */
export class WidePace {
  readonly #db: Db;
  /** The gap between moments, as SQL. */
  readonly #gap: ReturnType<typeof sql>;
  readonly #log: Logger;
  readonly #time: PaceTime;
  #warned = false;

  constructor(db: Db, perSecond: number, log: Logger, time: PaceTime = realTime) {
    this.#db = db;
    this.#gap = sql`${1000 / (perSecond * HEADROOM)} * interval '1 millisecond'`;
    this.#log = log;
    this.#time = time;
  }

  /** Takes the next moment and waits for it; returns the moment (the database's epoch milliseconds, NaN unanswered). */
  async reply(): Promise<number> {
    const gap = this.#gap;
    const { wait, at } = await this.#ask(sql`
      insert into send_pace as p (id, next_at) values (1, clock_timestamp() + ${gap})
      on conflict (id) do update set next_at = greatest(p.next_at, clock_timestamp()) + ${gap}
      returning extract(epoch from next_at - ${gap} - clock_timestamp()) * 1000 as wait_ms,
        extract(epoch from next_at - ${gap}) * 1000 as at_ms`);
    if (wait > 0) await this.#time.sleep(wait);
    return at;
  }

  /** Waits until a moment is free now, with no reply before it, and takes it; returns the moment as `reply` does. */
  async outbox(): Promise<number> {
    const gap = this.#gap;
    for (;;) {
      // The outer select reads the row as it was before the claim: how long until it frees up (at
      // least a moment, as a reply elsewhere may have taken the one that looked free).
      const { wait, at } = await this.#ask(sql`
        with t as (select clock_timestamp() as now),
        claimed as (
          insert into send_pace as p (id, next_at) select 1, t.now + ${gap} from t
          on conflict (id) do update set next_at = excluded.next_at where p.next_at <= (select now from t)
          returning 1)
        select case when exists (select 1 from claimed) then 0
          else greatest(coalesce((select extract(epoch from next_at - t.now) * 1000 from send_pace), 0), 0) + 1 end as wait_ms,
          extract(epoch from t.now) * 1000 as at_ms
        from t`);
      if (wait <= 0) return at;
      await this.#time.sleep(Math.min(wait, OUTBOX_RECHECK_MS));
    }
  }

  /**
   * What the statement answers; go now (wait 0) when the database does not answer within a
   * second, as a send must not hang on a connection that is being re-established.
   */
  async #ask(statement: ReturnType<typeof sql>): Promise<{ wait: number; at: number }> {
    type Row = { wait_ms: string | number; at_ms: string | number };
    const unanswered = { wait: 0, at: Number.NaN };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), ANSWER_WITHIN_MS)));
    try {
      const result = await Promise.race([this.#db.execute(statement) as unknown as Promise<Row[] | { rows: Row[] }>, late]);
      if (result === "late") return this.#alone(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`), unanswered);
      const row = (Array.isArray(result) ? result : result.rows)[0];
      this.#warned = false;
      return { wait: Number(row?.wait_ms ?? 0), at: Number(row?.at_ms ?? Number.NaN) };
    } catch (err) {
      return this.#alone(err, unanswered);
    } finally {
      clearTimeout(timer);
    }
  }

  #alone<T>(err: unknown, value: T): T {
    if (!this.#warned) this.#log.warn({ err }, "the bot-wide send clock did not answer; pacing by this instance alone until it does");
    this.#warned = true;
    return value;
  }
}

/**
 * The bot's one send budget: its replies first, the outbox with what they leave; with the
 * database's clock (SEND_CLOCK=database, several instances on PostgreSQL), also bot-wide.
 */
export function botSendBudget(database: Database, delivery: Pick<DeliveryConfig, "botPerSecond" | "clock">, log: Logger): SendBudget {
  const shared = delivery.clock === "database" && database.kind === "postgres";
  return new SendBudget(delivery.botPerSecond, realTime, shared ? new WidePace(database.db, delivery.botPerSecond, log) : undefined);
}
