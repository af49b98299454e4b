import { defineConfig } from "vitest/config";

// The browser suite (test/browser/): `npm start` and the real Agents Playground, driven in Debian's Chromium.
// One Playground and one browser for the whole run (global setup), journeys one after another.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    globalSetup: ["test/browser/harness/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: "forks",
  },
});
