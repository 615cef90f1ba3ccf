import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config plugins/quanzhou/drizzle.config.ts --name <name>`: the plugin's own migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./plugins/quanzhou/schema/index.ts",
  out: "./plugins/quanzhou/migrations",
});
