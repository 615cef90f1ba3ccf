import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["{app,workflows,forms,db,plugins,tests,cli}/**/*.test.{ts,tsx}"],
    exclude: ["tests/browser/**", "node_modules/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // A fixed, public key for sealing personal numbers in test databases (never a deployment's).
    env: { NIANGJIA_DATA_KEY: "bmlhbmdqaWEtdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=" },
  },
});
