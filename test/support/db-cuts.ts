import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { serve, type ServerType } from "@hono/node-server";
import { inArray } from "drizzle-orm";
import { pino } from "pino";
import { startApp } from "../../bot/app.js";
import type { Db } from "../../db/client.js";
import { appeals, updates } from "../../db/schema/index.js";
import { createSandbox, type Sandbox } from "../../sandbox/emulator/index.js";
import { citizen, productionConfig } from "./harness.js";
import { SandboxUser } from "./sandbox-user.js";
import { startTcpProxy } from "./tcp-proxy.js";
import { shown } from "./texts.js";

/**
 * The real bot on PostgreSQL through a proxy that goes down hard (every connection closed, new
 * ones refused) several times while citizens sign up, write and submit appeals. Afterwards every
 * update Telegram delivered must be handled and every appeal submitted must be there, once.
 */
export interface DbCutsOptions {
  /** The database, migrated; the bot reaches it through the proxy, the checks directly. */
  url: string;
  db: Db;
  citizens: number;
  cuts: number;
  outageMs: number;
  /** Load between the cuts (and before the first). */
  betweenMs: number;
}

export interface DbCutsReport {
  cuts: number;
  citizens: number;
  updates_sent: number;
  /** Delivered by the emulator but not handled (absent from the inbox, or not done). */
  lost_updates: number;
  failed_updates: number;
  appeals_confirmed: number;
  lost_appeals: number;
  doubled_appeals: number;
  /** The longest, over the cuts, from the database's return to /readyz 200 and a new message answered. */
  recovery_s: number;
  /** The longest from the database's return to every update delivered before it handled. */
  backlog_s: number;
  /** Whether /readyz answered 503 every time it was asked while the database was away. */
  readyz_down_while_away: boolean;
  /** Citizens whose next screen never came within a minute. */
  stuck_citizens: number;
  /** What each stuck citizen was waiting for. */
  stuck?: string[];
  errors_logged: number;
}

const PATIENCE_MS = 60_000;
const FIRST_ID = 971_000;

export async function runDbCuts(options: DbCutsOptions): Promise<DbCutsReport> {
  const target = new URL(options.url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  target.host = `127.0.0.1:${proxy.port}`;
  const token = "200000071:chaos-db-token-for-the-emulator";
  const people = Array.from({ length: options.citizens + options.cuts }, (_, i) => citizen(FIRST_ID + i, "ru"));
  const sandbox = createSandbox({ token, bot: { id: 200000071, username: "otinish_chaos_bot", first_name: "Otinish" }, demoUsers: people });
  const telegram = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), "otinish-chaos-db-"));
  let errorsLogged = 0;
  const log = pino({ level: "error" }, { write: () => void errorsLogged++ });
  const app = await startApp({
    config: productionConfig({ token, apiRoot: emulatorUrl(telegram), databaseUrl: target.toString(), dataDir }, { FLOOD_LIMIT: "0" }),
    log,
  });
  const readyz = () => fetch(`${app.url}/readyz`).then((r) => r.status, () => 0);

  const confirmed: string[] = [];
  let stop = false;
  const stuck: string[] = [];
  const citizens = Array.from({ length: options.citizens }, (_, i) =>
    scriptedCitizen(new SandboxUser(emulatorUrl(telegram), FIRST_ID + i), i, () => stop, confirmed).catch((error: unknown) => void stuck.push(String(error).slice(0, 300))),
  );

  let recovery = 0;
  let backlog = 0;
  let readyzDown = true;
  for (let cut = 0; cut < options.cuts; cut++) {
    await sleep(options.betweenMs);
    await proxy.cut();
    const away = performance.now();
    while (performance.now() - away < options.outageMs) {
      if ((await readyz()) === 200) readyzDown = false;
      await sleep(500);
    }
    const before = sandbox.state.updatesSent;
    await proxy.restore();
    const back = performance.now();
    const probe = new SandboxUser(emulatorUrl(telegram), FIRST_ID + options.citizens + cut);
    await probe.send("/start");
    await probe.waitForBot(shown("ru", "language.choose"), PATIENCE_MS);
    while ((await readyz()) !== 200) await sleep(100);
    recovery = Math.max(recovery, (performance.now() - back) / 1000);
    await allHandled(options.db, before);
    backlog = Math.max(backlog, (performance.now() - back) / 1000);
  }
  stop = true;
  await Promise.all(citizens);
  await allHandled(options.db, sandbox.state.updatesSent).catch(() => undefined);

  const report = await tally(options.db, sandbox, confirmed);
  await app.stop();
  await proxy.close();
  await new Promise<void>((resolve) => telegram.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
  return {
    cuts: options.cuts,
    citizens: options.citizens,
    ...report,
    recovery_s: Number(recovery.toFixed(2)),
    backlog_s: Number(backlog.toFixed(2)),
    readyz_down_while_away: readyzDown,
    stuck_citizens: stuck.length,
    ...(stuck.length > 0 && { stuck: stuck }),
    errors_logged: errorsLogged,
  };
}

function emulatorUrl(server: ServerType): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Waits until updates 1..`last` are all in the inbox and none is unfinished. */
async function allHandled(db: Db, last: number): Promise<void> {
  const deadline = performance.now() + 5 * PATIENCE_MS;
  for (;;) {
    const rows = await db.select({ state: updates.state }).from(updates).where(inArray(updates.updateId, range(last)));
    if (rows.length === last && rows.every((r) => r.state === "done" || r.state === "failed")) return;
    if (performance.now() > deadline) throw new Error("updates left unhandled");
    await sleep(100);
  }
}

const range = (last: number) => Array.from({ length: last }, (_, i) => i + 1);

async function tally(db: Db, sandbox: Sandbox, confirmed: string[]) {
  const sent = sandbox.state.updatesSent;
  const rows = await db.select({ state: updates.state }).from(updates).where(inArray(updates.updateId, range(sent)));
  const stored = confirmed.length > 0 ? await db.select({ text: appeals.text }).from(appeals).where(inArray(appeals.text, confirmed)) : [];
  const count = new Map<string, number>();
  for (const { text } of stored) count.set(text, (count.get(text) ?? 0) + 1);
  return {
    updates_sent: sent,
    lost_updates: sent - rows.filter((r) => r.state === "done").length,
    failed_updates: rows.filter((r) => r.state === "failed").length,
    appeals_confirmed: confirmed.length,
    lost_appeals: confirmed.filter((text) => !count.has(text)).length,
    doubled_appeals: [...count.values()].filter((n) => n > 1).length,
  };
}

/**
 * A citizen who signs up, then writes a line at the menu and submits an appeal, again until told
 * to stop; patient: each next screen may take up to a minute (the database may be away).
 */
async function scriptedCitizen(u: SandboxUser, n: number, stopped: () => boolean, confirmed: string[]): Promise<void> {
  const wait = (text: string | RegExp) => u.waitForBot(text, PATIENCE_MS);
  const press = (label: string) => u.press(label, { timeoutMs: PATIENCE_MS });
  await u.send("/start");
  await press("✅ Русский");
  await press(shown("ru", "consent.accept"));
  await press(shown("ru", "signup.kind.individual"));
  await wait(shown("ru", "signup.full_name.ask"));
  await u.send("Сейітов Нұрлан Маратұлы");
  await wait(shown("ru", "signup.iin.ask"));
  await u.send("870615400228");
  await u.pressReply(shown("ru", "signup.phone.button"), PATIENCE_MS);
  await wait(shown("ru", "menu.title"));
  let round = 0;
  do {
    round++;
    await u.send("Здравствуйте, у меня вопрос.");
    await wait(/./);
    await u.send("/start");
    await press(shown("ru", "menu.submit_appeal"));
    await press(shown("ru", "appeal.type.request"));
    await wait(shown("ru", "appeal.intake.ask_text", { max: "10 000" }).slice(0, 20));
    const text = `Прошу выдать копию протокола, гражданин ${n}, обращение ${round}.`;
    await u.send(text);
    await press(shown("ru", "appeal.intake.files_skip"));
    await press(shown("ru", "appeal.language.ru"));
    await press(shown("ru", "appeal.intake.channel_chat"));
    await wait(shown("ru", "appeal.intake.confirm").slice(2));
    await press(shown("ru", "appeal.intake.confirm"));
    confirmed.push(text);
    await wait(/ЖТ-\d{4}-\d{6}/);
  } while (!stopped());
}
