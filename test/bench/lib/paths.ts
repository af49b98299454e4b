import path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
/** Where `npm run bench` writes results.json, logs and profiles. */
export const BENCH_DIR = path.join(ROOT, "bench");
/** The bench's own source folder. */
export const BENCH_SRC = path.resolve(import.meta.dirname, "..");
/** Where the bench keeps the logs of the processes it starts, one folder per run. */
export const LOGS_DIR = path.join(BENCH_DIR, "logs");
/** This run's folder (by its pid), so two runs at the same time neither write into nor delete each other's logs. */
export const RUN_LOGS_DIR = path.join(LOGS_DIR, `run-${process.pid}`);
