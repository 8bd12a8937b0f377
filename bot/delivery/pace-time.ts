import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";

/** Real time by default; the pacing rules are tested on a clock they can move. */
export interface PaceTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTime: PaceTime = { now: () => performance.now(), sleep: (ms) => sleep(ms) };
