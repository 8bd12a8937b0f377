import { bigint, integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./people.js";

/** A file a person sent: kept under FILES_DIR by its SHA-256, with Telegram's file_id to resend it. */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: serial("id").primaryKey(),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    mimeType: text("mime_type").notNull(),
    fileName: text("file_name").notNull(),
    telegramFileId: text("telegram_file_id"),
    uploadedBy: integer("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("stored_files_owner_hash").on(t.uploadedBy, t.sha256)],
);
