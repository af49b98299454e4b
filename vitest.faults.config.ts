import { defineConfig } from "vitest/config";

// The fault suite (test/faults/): the real bot as child processes, killed, flooded and starved on purpose.
// Files run one after another: each one loads the machine (bot processes, bursts) and measures under that load.
export default defineConfig({
  test: {
    include: ["test/faults/**/*.test.ts"],
    globalSetup: ["test/faults/harness/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 5 * 60_000,
    hookTimeout: 2 * 60_000,
    pool: "forks",
  },
});
