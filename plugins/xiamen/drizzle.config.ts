import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config plugins/xiamen/drizzle.config.ts --name <name>`: the plugin's own migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./plugins/xiamen/schema.ts",
  out: "./plugins/xiamen/migrations",
});
