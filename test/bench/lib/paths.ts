import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Where `npm run bench` writes results.json, logs and profiles. */
export const BENCH_DIR = path.join(ROOT, "bench");
/** The bench's own source folder. */
export const BENCH_SRC = path.resolve(import.meta.dirname, "..");
