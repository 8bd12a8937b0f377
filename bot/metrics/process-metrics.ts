import { collectDefaultMetrics, Registry } from "prom-client";

let shared: Registry | undefined;

/**
 * Memory, CPU, event-loop delay and the like belong to the process, not to one app: collected
 * once, in a registry of their own (collecting them per app would add observers at every start).
 */
export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
