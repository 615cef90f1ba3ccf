import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports point one way: app → workflows → forms → db; plugins use only registry types. */
const boundary = (files, forbidden, message) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map((dir) => ({ group: [`**/${dir}/*`, `**/${dir}`, `~/*`].filter((g) => dir === "app" || !g.startsWith("~")), message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", ".data/**", "db/migrations/**", "public/build/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", Buffer: "readonly", globalThis: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  boundary(["db/**"], ["app", "workflows", "forms", "plugins", "cli"], "db/ is the bottom layer: it imports nothing from app, workflows, forms or plugins."),
  boundary(["forms/**"], ["app", "workflows", "plugins", "db", "cli"], "forms/ is pure and isomorphic: no app, workflows, plugins or db imports."),
  boundary(["workflows/**"], ["app", "plugins", "cli"], "workflows/ may import forms and db, never app or plugins."),
  boundary(["plugins/**"], ["app", "db", "cli"], "plugins use only the registry types the core exports."),
  boundary(["app/**"], ["cli", "plugins"], "app/ reaches the core only through app/services.server.ts."),
  // The one door from app/ to plugins: the route that shows plugin pages takes their React views from plugins/pages.ts.
  {
    files: ["app/routes/p.$pluginId.$name.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/cli/*", "**/cli", "**/plugins/*", "!**/plugins/pages"], message: "app/ imports only plugins/pages (the plugin page views)." }] }],
    },
  },
  // And the browser's entry registers what plugins add to forms (plugins/browserForms.ts).
  {
    files: ["app/entry.client.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/cli/*", "**/cli", "**/plugins/*", "!**/plugins/browserForms"], message: "app/entry.client.tsx imports only plugins/browserForms." }] }],
    },
  },
);
