import { defineConfig } from "vitest/config";

/** Browser tests: a built app served on a random port, driven by playwright-core in Debian's chromium. */
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    setupFiles: ["tests/support/pageErrorsSetup.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // The fixed public test key, for the databases tests prepare and the servers they start alike.
    env: { NIANGJIA_DATA_KEY: "bmlhbmdqaWEtdGVzdC1rZXktbm90LWEtc2VjcmV0ISE=" },
  },
});
