/** One measured scenario with the target it must meet. */
export interface Bench {
  name: string;
  /** What is measured and the target, in words, e.g. "p95 per command < 50 ms". */
  target: string;
  run(): Promise<BenchResult>;
}

/** What a bench measured and whether it met its target. */
export interface BenchResult {
  measured: string;
  ok: boolean;
}

/** Percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Times `fn` once in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Heap in use after a forced collection when available (run with --expose-gc), in MiB. */
export function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}
