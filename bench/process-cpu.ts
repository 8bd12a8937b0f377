import { readdirSync, readFileSync } from "node:fs";

/** Linux counts process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** utime + stime (+ cutime + cstime: children that ended) of one process, in ms; 0 once it is gone. */
function processCpuMs(pid: number, withChildren: boolean): number {
  try {
    // The command name is in parentheses and may hold spaces: fields are counted after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    const [utime, stime, cutime, cstime] = [fields[11]!, fields[12]!, fields[13]!, fields[14]!];
    return (utime + stime + (withChildren ? cutime + cstime : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time the process `pid` has used, in ms. */
export const cpuOfProcess = (pid: number): number => processCpuMs(pid, false);

/**
 * CPU time every PostgreSQL process on this machine has used, ended backends included (their time
 * is added to the postmaster's children's count when it reaps them), in ms. The server must run
 * here, as the benchmarks' does.
 */
export function cpuOfPostgres(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
    } catch {
      continue;
    }
    if (name === "postgres") total += processCpuMs(Number(entry), true);
  }
  return total;
}
