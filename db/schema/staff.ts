import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, serial, text, timestamp, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./people.js";

/**
 * The department, its sectors (Reg. 4), other units of the Judicial Administration whose executors
 * work on forwarded appeals, and external bodies appeals are forwarded to.
 */
export const units = pgTable(
  "units",
  {
    id: serial("id").primaryKey(),
    code: text("code").notNull().unique(),
    kind: text("kind").notNull(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id),
    nameKk: text("name_kk").notNull(),
    nameRu: text("name_ru").notNull(),
    active: boolean("active").notNull().default(true),
    /** Who heads the unit: told of its overdue control items; the head of the top JA unit is the Head of JA. */
    headUserId: integer("head_user_id").references((): AnyPgColumn => users.id),
    /** A made-up unit or state body of the sandbox: production never forwards to it. */
    demo: boolean("demo").notNull().default(false),
  },
  (t) => [check("units_kind_check", sql`${t.kind} in ('administration','department','sector','ja_unit','external_body')`)],
);

/**
 * One-time invites for staff (DESIGN §1). Only the SHA-256 of the code is kept: whoever reads the
 * table cannot join with it. `usedBy` set means spent.
 */
export const invites = pgTable(
  "invites",
  {
    id: serial("id").primaryKey(),
    codeSha256: text("code_sha256").notNull().unique(),
    role: text("role").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    clearance: boolean("clearance").notNull().default(false),
    /** Null when the operator at the console made it. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedBy: integer("used_by").references(() => users.id),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    check("invites_role_check", sql`${t.role} in ('registrar','reviewer','reception','executor','deputy','head','admin')`),
    check("invites_used_check", sql`(${t.usedBy} is null) = (${t.usedAt} is null)`),
    index("invites_used_by_idx").on(t.usedBy),
  ],
);

/**
 * The Acting Head (Reg. 13–14, DESIGN §1): from `startsAt` until `endsAt` the deputy signs in the
 * Head's absence. `revokedAt` set means cancelled; rows are kept as the record of who acted when.
 */
export const delegations = pgTable(
  "delegations",
  {
    id: serial("id").primaryKey(),
    headUserId: integer("head_user_id")
      .notNull()
      .references(() => users.id),
    deputyUserId: integer("deputy_user_id")
      .notNull()
      .references(() => users.id),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** Null when the operator at the console made it. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    check("delegations_period_check", sql`${t.endsAt} > ${t.startsAt}`),
    index("delegations_period_idx").on(t.startsAt, t.endsAt),
  ],
);

/**
 * Wrong invite codes tried with /join (DESIGN §1): after five in ten minutes a person waits. Only the
 * time is kept, never what was typed; in the database, so a restart or a second instance counts the same.
 */
export const joinAttempts = pgTable(
  "join_attempts",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("join_attempts_user_at_idx").on(t.userId, t.at)],
);
