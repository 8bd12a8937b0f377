import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../core/config.js";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc";

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("configuration was accepted");
}

describe("configuration", () => {
  it("starts the sandbox on PGlite in ./data with nothing set", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("sandbox");
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith("data")).toBe(true);
    expect(config.filesDir.endsWith("data/files")).toBe(true);
  });

  it("uses long polling with a token and a webhook with a URL and secret", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN, OPERATOR_BIN: "040840300024" }).mode).toBe("polling");
    const webhook = loadConfig({
      BOT_TOKEN: TOKEN,
      OPERATOR_BIN: "040840300024",
      WEBHOOK_URL: "https://bot.example.kz/telegram/webhook",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
    });
    expect(webhook.mode).toBe("webhook");
  });

  it("refuses a database server without a token, unless the sandbox is asked for by name", () => {
    const line = errorOf({ DATABASE_URL: "postgres://otinish@db.internal/otinish" });
    expect(line).toMatch(/^BOT_TOKEN: expected a value when DATABASE_URL is set .*SANDBOX=1/);
    expect(line).not.toContain("\n");
    expect(loadConfig({ DATABASE_URL: "postgres://otinish@db.internal/otinish", SANDBOX: "1" }).mode).toBe("sandbox");
    expect(errorOf({ BOT_TOKEN: TOKEN, OPERATOR_BIN: "040840300024", SANDBOX: "1" })).toMatch(/^SANDBOX: expected no BOT_TOKEN/);
    // The operators' console reads and changes the production database without the bot's token.
    expect(loadConfig({ DATABASE_URL: "postgres://otinish@db.internal/otinish" }, "console").databaseUrl).toBeDefined();
  });

  it("binds the sandbox to this machine only and production to every interface, unless HOST says otherwise", () => {
    expect(loadConfig({}).host).toBe("127.0.0.1");
    expect(loadConfig({ BOT_TOKEN: TOKEN, OPERATOR_BIN: "040840300024" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("parses the list of first administrators", () => {
    expect(loadConfig({ ADMIN_TELEGRAM_IDS: "11, 22,33" }).adminTelegramIds).toEqual([11, 22, 33]);
  });

  it("keeps handled updates a week, holds a claim on one for half a minute and tries a failed one again after a second, unless told otherwise", () => {
    expect(loadConfig({}).inbox).toEqual({ retentionDays: 7, leaseSeconds: 30, retrySeconds: 1 });
    expect(loadConfig({ UPDATES_RETENTION_DAYS: "30", UPDATES_LEASE_SECONDS: "10", UPDATES_RETRY_SECONDS: "0.5" }).inbox).toEqual({ retentionDays: 30, leaseSeconds: 10, retrySeconds: 0.5 });
    expect(errorOf({ UPDATES_RETRY_SECONDS: "0" })).toBe('UPDATES_RETRY_SECONDS: expected seconds, more than 0, got "0"');
    expect(errorOf({ UPDATES_RETENTION_DAYS: "0" })).toBe('UPDATES_RETENTION_DAYS: expected 1 day or more, got "0"');
    expect(errorOf({ UPDATES_LEASE_SECONDS: "1" })).toBe('UPDATES_LEASE_SECONDS: expected 2 seconds or more, got "1"');
  });

  it("names the variable and what it expects in one line", () => {
    expect(errorOf({ PORT: "abc" })).toBe('PORT: expected a port number, got "abc"');
    expect(errorOf({ PORT: "70000" })).toBe('PORT: expected a port 0–65535 (0 picks a free one), got "70000"');
    expect(errorOf({ LOG_LEVEL: "loud" })).toMatch(/^LOG_LEVEL: expected one of fatal, error/);
    expect(errorOf({ ADMIN_TELEGRAM_IDS: "1,x" })).toMatch(/^ADMIN_TELEGRAM_IDS: expected comma-separated/);
    expect(errorOf({ WEBHOOK_URL: "http://insecure" })).toMatch(/^WEBHOOK_URL: expected an https:\/\/ URL/);
    expect(errorOf({ BOT_TOKEN: TOKEN, OPERATOR_BIN: "040840300024", WEBHOOK_URL: "https://x.kz/h" })).toMatch(/^WEBHOOK_SECRET:/);
    expect(errorOf({ BOT_TOKEN: TOKEN })).toMatch(/^OPERATOR_BIN:/);
    expect(errorOf({ OPERATOR_BIN: "870615400228" })).toMatch(/^OPERATOR_BIN: expected the 12-digit BIN/);
  });

  it("gives the bot one send budget, of which the outbox takes at most its share, and gives messages up after 72 hours unless told otherwise", () => {
    expect(loadConfig({}).delivery).toMatchObject({ botPerSecond: 28, perSecond: 25, giveUpHours: 72 });
    expect(loadConfig({ SEND_RATE: "100", OUTBOX_RATE: "90", OUTBOX_GIVE_UP_HOURS: "24" }).delivery).toMatchObject({ botPerSecond: 100, perSecond: 90, giveUpHours: 24 });
    expect(loadConfig({}).delivery.clock).toBe("instance");
    expect(loadConfig({ SEND_CLOCK: "database" }).delivery.clock).toBe("database");
    expect(errorOf({ SEND_CLOCK: "shared" })).toMatch(/^SEND_CLOCK: /);
    expect(errorOf({ OUTBOX_RATE: "30" })).toBe('OUTBOX_RATE: expected at most SEND_RATE (28): the outbox\'s share of the bot\'s sends, got "30"');
    expect(errorOf({ OUTBOX_GIVE_UP_HOURS: "0" })).toMatch(/^OUTBOX_GIVE_UP_HOURS: expected hours, more than 0/);
  });

  it("erases sent messages' contents after 30 days unless told otherwise, and never sooner than a day", () => {
    expect(loadConfig({}).delivery.retentionDays).toBe(30);
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: "90" }).delivery.retentionDays).toBe(90);
    expect(errorOf({ OUTBOX_RETENTION_DAYS: "0" })).toBe('OUTBOX_RETENTION_DAYS: expected 1 day or more, got "0"');
    expect(errorOf({ OUTBOX_RETENTION_DAYS: "a month" })).toMatch(/^OUTBOX_RETENTION_DAYS: expected a whole number/);
  });

  it("never echoes secrets back", () => {
    expect(errorOf({ BOT_TOKEN: "12:short" })).not.toContain("short");
    expect(errorOf({ DATABASE_URL: "mysql://user:pw@host/db" })).not.toContain("pw");
  });
});
