import path from "node:path";
import { z } from "zod";
import { binProblem } from "./shared/iin.js";

/**
 * Configuration, read once from the environment. A wrong value stops start-up with one line
 * that names the variable and what it should be.
 */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optional = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());

const schema = z
  .object({
    BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]{20,}$/, "a token from @BotFather, like 123456:ABC-DEF…")
      .optional(),
    BOT_API_ROOT: z.url({ protocol: /^https?$/, error: "an http(s) URL of a Bot API server" }).default("https://api.telegram.org"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres:// connection URL")
      .optional(),
    DATABASE_POOL_MAX: z.coerce.number({ error: "a whole number" }).int("a whole number").min(1).max(500).default(10),
    DATABASE_PREPARE: z.enum(["on", "off"], { error: "on, or off behind PgBouncer in transaction mode" }).default("on"),
    DATA_DIR: z.string().default("./data"),
    FILES_DIR: z.string().optional(),
    HOST: z.string().optional(),
    PORT: z.coerce.number({ error: "a port number" }).int("a port number").min(0, "a port 0–65535 (0 picks a free one)").max(65535, "a port 0–65535 (0 picks a free one)").default(3000),
    WEBHOOK_URL: z.url({ protocol: /^https$/, error: "an https:// URL that Telegram can reach" }).optional(),
    WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "16–256 characters of A–Z, a–z, 0–9, _ and -")
      .optional(),
    ADMIN_TELEGRAM_IDS: z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "comma-separated Telegram user ids, like 123,456")
      .transform((v) => v.split(",").map((id) => Number(id.trim())))
      .optional(),
    OPERATOR_BIN: z
      .string()
      .refine((v) => binProblem(v) === null, "the 12-digit BIN of the personal-data operator")
      .optional(),
    FLOOD_LIMIT: z.coerce.number({ error: "a whole number" }).int("a whole number").min(0, "0 (off) or more").default(60),
    SEND_RATE: z.coerce.number({ error: "a number" }).min(1, "messages per second, 1 or more").default(28),
    OUTBOX_RATE: z.coerce.number({ error: "a number" }).positive("messages per second, more than 0").default(25),
    SEND_CLOCK: z.enum(["instance", "database"]).default("instance"),
    OUTBOX_CHAT_RATE: z.coerce.number({ error: "a number" }).positive("messages per second, more than 0").default(1),
    OUTBOX_GROUP_PER_MINUTE: z.coerce.number({ error: "a number" }).positive("messages per minute, more than 0").default(20),
    OUTBOX_GIVE_UP_HOURS: z.coerce.number({ error: "a number" }).positive("hours, more than 0").default(72),
    OUTBOX_LEASE_SECONDS: z.coerce.number({ error: "a whole number" }).int("a whole number").min(5, "5 seconds or more").default(300),
    OUTBOX_RETENTION_DAYS: z.coerce.number({ error: "a whole number" }).int("a whole number").min(1, "1 day or more").default(30),
    UPDATES_RETENTION_DAYS: z.coerce.number({ error: "a whole number" }).int("a whole number").min(1, "1 day or more").default(7),
    UPDATES_LEASE_SECONDS: z.coerce.number({ error: "a whole number" }).int("a whole number").min(2, "2 seconds or more").default(30),
    UPDATES_RETRY_SECONDS: z.coerce.number({ error: "a number" }).positive("seconds, more than 0").default(1),
    TELEGRAM_TIMEOUT_SECONDS: z.coerce.number({ error: "a whole number" }).int("a whole number").min(1, "1 second or more").default(30),
    STATEMENT_METRICS: z.enum(["on", "off"], { error: "on or off" }).default("off"),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(", ")}` }).default("info"),
    SCHEDULER: z.enum(["on", "off"], { error: "on or off" }).default("on"),
    SANDBOX: z.enum(["0", "1"], { error: "1 (play the sandbox on DATABASE_URL) or 0" }).default("0"),
  })
  .superRefine((c, issue) => {
    if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET)
      issue.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "a value when WEBHOOK_URL is set: 16–256 characters of A–Z, a–z, 0–9, _ and -" });
    if (c.WEBHOOK_URL && !c.BOT_TOKEN)
      issue.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "a value when WEBHOOK_URL is set" });
    if (c.BOT_TOKEN && !c.OPERATOR_BIN)
      issue.addIssue({ code: "custom", path: ["OPERATOR_BIN"], message: "a value when BOT_TOKEN is set: the 12-digit BIN of the personal-data operator" });
    if (c.OUTBOX_RATE > c.SEND_RATE)
      issue.addIssue({ code: "custom", path: ["OUTBOX_RATE"], message: `at most SEND_RATE (${c.SEND_RATE}): the outbox's share of the bot's sends` });
    if (c.SANDBOX === "1" && c.BOT_TOKEN)
      issue.addIssue({ code: "custom", path: ["SANDBOX"], message: "no BOT_TOKEN beside SANDBOX=1: the sandbox never talks to Telegram" });
  });

/**
 * A forgotten token must not turn a production database into a playground (demo staff with real
 * roles, demo officials open for booking), so the sandbox on a database server is asked for by name.
 */
const appOnly = schema.superRefine((c, issue) => {
  if (!c.BOT_TOKEN && c.DATABASE_URL && c.SANDBOX !== "1")
    issue.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "a value when DATABASE_URL is set (production); to play the sandbox on that database instead, set SANDBOX=1" });
});

export type Mode = "sandbox" | "polling" | "webhook";

export interface Config {
  mode: Mode;
  botToken: string | undefined;
  botApiRoot: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Prepared statements on PostgreSQL. */
  databasePrepare: boolean;
  /** Each update's statements counted into a histogram (costs CPU on Node 20, see README). */
  statementMetrics: boolean;
  dataDir: string;
  filesDir: string;
  host: string;
  port: number;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  adminTelegramIds: number[];
  operatorBin: string;
  /** Updates one person may send per 30 s before the bot asks them to slow down; 0 turns it off. */
  floodLimit: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Reminders and other timed jobs; off where something else drives them (tests, a one-off console). */
  scheduler: boolean;
  delivery: DeliveryConfig;
  inbox: InboxConfig;
}

/** The update inbox: how long handled updates are kept, how long a claim on one holds, when a failed one is tried again. */
export interface InboxConfig {
  /** Handled updates (which hold what people wrote) are deleted after this many days. */
  retentionDays: number;
  /** A worker that stops renewing its claim for this long is taken to be dead; its update goes to another. */
  leaseSeconds: number;
  /** The first pause before a failed update is tried again. */
  retrySeconds: number;
}

/** How fast the outbox goes out (DESIGN §8): Telegram's limits, kept below with a margin. */
export interface DeliveryConfig {
  /** Messages per second for the whole bot, replies and the outbox together (Telegram allows about 30). */
  botPerSecond: number;
  /** Of those, the most the outbox takes, so replies always find room. */
  perSecond: number;
  /** Whose count keeps `botPerSecond`: each instance's own, or one shared in the database (several instances). */
  clock: "instance" | "database";
  /** Messages per second to one private chat. */
  chatPerSecond: number;
  /** Messages per minute to one group chat. */
  groupPerMinute: number;
  /** Finished messages (which hold names and answers' texts) have their contents erased after this many days. */
  retentionDays: number;
  /** How long a claimed message is held before another worker may take it (its worker died). */
  leaseSeconds: number;
  /** How long a message may wait past its time, through every outage, before a failed try gives it up. */
  giveUpHours: number;
  /** How long one call to Telegram may take before its outcome counts as unknown. */
  timeoutSeconds: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** A BIN-shaped placeholder for the sandbox, where no real operator is named. */
const SANDBOX_OPERATOR_BIN = "000000000000";

/**
 * `app` is the bot's start; `console` is an operator's command line, which needs no token to read
 * or change a production database.
 */
export function loadConfig(env: NodeJS.ProcessEnv, purpose: "app" | "console" = "app"): Config {
  const known = Object.keys(schema.shape);
  const raw = Object.fromEntries(known.map((key) => [key, optional(env[key])]));
  const parsed = (purpose === "app" ? appOnly : schema).safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const name = String(first.path[0] ?? "configuration");
    const got = raw[name];
    const secret = ["BOT_TOKEN", "WEBHOOK_SECRET", "DATABASE_URL"].includes(name);
    const shown = secret || got === undefined ? "" : `, got "${got}"`;
    throw new ConfigError(`${name}: expected ${first.message}${shown}`);
  }
  const c = parsed.data;
  const mode: Mode = !c.BOT_TOKEN ? "sandbox" : c.WEBHOOK_URL ? "webhook" : "polling";
  return {
    mode,
    botToken: c.BOT_TOKEN,
    botApiRoot: c.BOT_API_ROOT.replace(/\/+$/, ""),
    databaseUrl: c.DATABASE_URL,
    databasePoolMax: c.DATABASE_POOL_MAX,
    databasePrepare: c.DATABASE_PREPARE === "on",
    dataDir: path.resolve(c.DATA_DIR),
    filesDir: path.resolve(c.FILES_DIR ?? path.join(c.DATA_DIR, "files")),
    // The sandbox lets anyone act as anyone: it answers this machine only, unless asked otherwise.
    host: c.HOST ?? (mode === "sandbox" ? "127.0.0.1" : "0.0.0.0"),
    port: c.PORT,
    webhookUrl: c.WEBHOOK_URL,
    webhookSecret: c.WEBHOOK_SECRET,
    adminTelegramIds: c.ADMIN_TELEGRAM_IDS ?? [],
    operatorBin: c.OPERATOR_BIN ?? SANDBOX_OPERATOR_BIN,
    floodLimit: c.FLOOD_LIMIT,
    logLevel: c.LOG_LEVEL,
    statementMetrics: c.STATEMENT_METRICS === "on",
    scheduler: c.SCHEDULER === "on",
    delivery: {
      botPerSecond: c.SEND_RATE,
      perSecond: c.OUTBOX_RATE,
      clock: c.SEND_CLOCK,
      chatPerSecond: c.OUTBOX_CHAT_RATE,
      groupPerMinute: c.OUTBOX_GROUP_PER_MINUTE,
      leaseSeconds: c.OUTBOX_LEASE_SECONDS,
      giveUpHours: c.OUTBOX_GIVE_UP_HOURS,
      retentionDays: c.OUTBOX_RETENTION_DAYS,
      timeoutSeconds: c.TELEGRAM_TIMEOUT_SECONDS,
    },
    inbox: { retentionDays: c.UPDATES_RETENTION_DAYS, leaseSeconds: c.UPDATES_LEASE_SECONDS, retrySeconds: c.UPDATES_RETRY_SECONDS },
  };
}
