import { sql } from "drizzle-orm";
import { bigint, boolean, check, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { units } from "./staff.js";

/** Everyone who talks to the bot: citizens and staff alike, keyed by their Telegram id. */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    telegramId: bigint("telegram_id", { mode: "number" }).notNull().unique(),
    role: text("role").notNull().default("citizen"),
    /** Null until the person chooses; until then the language Telegram gave at first contact counts. */
    language: text("language"),
    /** Telegram's language_code at first contact, mapped onto ours: replies and queued notices agree on it. */
    seenLanguage: text("seen_language"),
    active: boolean("active").notNull().default(true),
    clearance: boolean("clearance").notNull().default(false),
    /** Staff only: the name that signs letters. Citizens' names live in their profile. */
    fullName: text("full_name"),
    /** Staff only: the department, sector or JA unit they work in. */
    unitId: integer("unit_id").references(() => units.id),
    /** A made-up person of the sandbox: production never lists, notifies or assigns them. */
    demo: boolean("demo").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check("users_role_check", sql`${t.role} in ('citizen','registrar','reviewer','reception','executor','deputy','head','admin')`),
    check("users_language_check", sql`${t.language} in ('kk','ru','en')`),
    check("users_seen_language_check", sql`${t.seenLanguage} in ('kk','ru','en')`),
  ],
);

/** A citizen's profile (DESIGN §2 intake): an individual with an IIN, or a legal entity's representative with a BIN. */
export const citizens = pgTable(
  "citizens",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id),
    kind: text("kind").notNull(),
    fullName: text("full_name").notNull(),
    iin: text("iin"),
    bin: text("bin"),
    organization: text("organization"),
    phone: text("phone").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    check(
      "citizens_kind_check",
      sql`(${t.kind} = 'individual' and ${t.iin} is not null) or (${t.kind} = 'legal' and ${t.bin} is not null and ${t.organization} is not null)`,
    ),
  ],
);

/**
 * Consent to personal-data processing (Law No. 94-V, Arts. 8, 16): the exact text agreed to, its
 * version and time, and when it was withdrawn. A person's newest row is their answer now; at most
 * one row per version is in force, so a double tap records one.
 */
export const consents = pgTable(
  "consents",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    version: text("version").notNull(),
    language: text("language").notNull(),
    text: text("text").notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("consents_user_version_in_force").on(t.userId, t.version).where(sql`${t.withdrawnAt} is null`)],
);
