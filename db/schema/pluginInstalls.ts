import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per plugin installed in this database: its `install` hook ran once (in the same
 * transaction that wrote the row) and its own migrations are applied up to `installed_version`.
 * Installation-wide, not tenant-owned: a plugin's code and tables are shared by every district.
 */
export const pluginInstalls = pgTable("plugin_installs", {
  pluginId: text("plugin_id").primaryKey(),
  installedVersion: text("installed_version").notNull(),
  installedAt: timestamp("installed_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
