import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One uploaded file: who uploaded it, for which program field, what its content really is
 * (`mime` is sniffed from the bytes, never taken from the name or the browser) and, once the
 * application is submitted, the case it belongs to. The bytes live in the file store under
 * `sha256` (see db/fileStore.ts), so identical uploads share storage.
 */
export const files = pgTable(
  "files",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    ownerId: text("owner_id").notNull(),
    programId: text("program_id").notNull(),
    fieldKey: text("field_key").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mime: text("mime").notNull(),
    originalName: text("original_name").notNull(),
    /** Set in the transaction that submits the application; null while only a draft uses it. */
    caseId: text("case_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("files_owner_idx").on(t.ownerId, t.createdAt), index("files_case_idx").on(t.caseId)],
);
