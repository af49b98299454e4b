import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fault suite (npm run test:faults) and the browser suite (npm run test:browser) run on their own: they start
    // real bot processes, a browser, and take minutes.
    exclude: [...configDefaults.exclude, "test/faults/**", "test/browser/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
