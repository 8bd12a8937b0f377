import { sql, type SQL } from "drizzle-orm";

/** A stored date as `IsoDate` and the dedupe keys spell it (YYYY-MM-DD), whatever the session's DateStyle. */
export const isoDateOf = (column: SQL) => sql`to_char(${column}, 'YYYY-MM-DD')`;

/** A stored date as people read it in a notice, as `dottedDate` writes it (DD.MM.YYYY). */
export const dottedDateOf = (column: SQL) => sql`to_char(${column}, 'DD.MM.YYYY')`;
