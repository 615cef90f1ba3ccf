import { customType, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * File bytes kept in PostgreSQL, by content hash, for the database file store: app processes
 * stay stateless behind a load balancer. The PGlite default keeps bytes in a directory instead.
 */
export const fileBlobs = pgTable(
  "file_blobs",
  {
    tenantId: text("tenant_id").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] })],
);
