import postgres from "postgres";
import { CONNECTION_OPTIONS } from "./connection-options.js";

/** A session-level advisory lock held until released, or until its connection is lost. */
export interface HeldLock {
  /** Settles when the lock can no longer be counted on: its connection closed or stopped answering. */
  lost: Promise<void>;
  /** Lets the lock go. */
  release(): Promise<void>;
}

/** One advisory lock, asked for again and again until it is taken. */
export interface AdvisoryLock {
  /** Takes the lock if no other session holds it; null when one does. */
  tryTake(): Promise<HeldLock | null>;
  /** Closes its connection (letting the lock go if held). */
  close(): Promise<void>;
}

/** How often the holder makes sure its connection still answers, and how long it waits for the answer. */
export const LOCK_HEARTBEAT_MS = 1000;
export const LOCK_HEARTBEAT_TIMEOUT_MS = 2000;
/**
 * The server ends the lock's session after this long without a heartbeat (a frozen process, a
 * network cut no packet reports), so the lock passes on; by then the holder has long known it lost it.
 */
const IDLE_SESSION_TIMEOUT_MS = 15_000;

/**
 * The lock on a connection of its own, kept between tries: a client of one connection, never
 * recycled, whose close is reported (a reserved connection of the pool reports nothing, and a
 * statement on it after the server ended it crashes postgres.js 3.4.9).
 */
export function advisoryLock(url: string, key: number): AdvisoryLock {
  let markLost: (() => void) | undefined;
  const sql = postgres(url, { ...CONNECTION_OPTIONS, max: 1, max_lifetime: null, idle_timeout: 0, onclose: () => markLost?.() });

  async function take(): Promise<HeldLock | null> {
    const [row] = await sql<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}) as locked`;
    if (!row?.locked) return null;
    // PostgreSQL 14 and later; an older server keeps the session until its TCP keepalives give up.
    await sql`select set_config('idle_session_timeout', ${String(IDLE_SESSION_TIMEOUT_MS)}, false)`.catch(() => undefined);
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    const heartbeat = setInterval(() => {
      const late = setTimeout(() => markLost?.(), LOCK_HEARTBEAT_TIMEOUT_MS);
      sql`select 1`.then(
        () => clearTimeout(late),
        () => markLost?.(),
      );
    }, LOCK_HEARTBEAT_MS);
    void lost.then(() => clearInterval(heartbeat));
    return {
      lost,
      async release() {
        markLost?.();
        markLost = undefined;
        // Ending the session is what surely frees the lock, also when its connection is half dead.
        await sql.end({ timeout: 5 });
      },
    };
  }

  return {
    tryTake: take,
    close: () => sql.end({ timeout: 5 }),
  };
}
