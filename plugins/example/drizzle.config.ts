import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config plugins/example/drizzle.config.ts --name <name>`: the plugin's own migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./plugins/example/schema.ts",
  out: "./plugins/example/migrations",
});
