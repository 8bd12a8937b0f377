import { execFileSync } from "node:child_process";

/**
 * pgbench's simple-update workload (-N) on a scratch database of the same server: the ceiling
 * that the bot's own figures are compared with.
 */
export function pgbenchTps(serverUrl: string, clients: number, seconds: number): number {
  const url = new URL(serverUrl);
  const db = `otinish_pgbench_${process.pid}`;
  const conn = ["-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username || "postgres")];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password), PGOPTIONS: "-c client_min_messages=warning" };
  const psql = (sql: string) => execFileSync("psql", [...conn, "-d", url.pathname.slice(1) || "postgres", "-qc", sql], { env });
  psql(`drop database if exists ${db}`);
  psql(`create database ${db}`);
  try {
    execFileSync("pgbench", [...conn, "-i", "-q", "-s", "1", db], { env, stdio: "ignore" });
    const out = execFileSync("pgbench", [...conn, "-N", "-c", String(clients), "-j", "2", "-T", String(seconds), db], { env, stdio: ["ignore", "pipe", "ignore"] }).toString();
    const tps = /tps = ([\d.]+)/.exec(out);
    if (!tps) throw new Error(`pgbench printed no tps:\n${out}`);
    return Number(tps[1]);
  } finally {
    psql(`drop database if exists ${db} with (force)`);
  }
}
