/**
 * The bench's Redis: a private redis-server for each run, on a free loopback port, without persistence (as the
 * machine's shared one runs), so two runs on one machine cannot see or delete each other's queues. Samverka's queue
 * prefix is fixed in the job runtime, and every index of the shared Redis is taken (0 by npm test, 2–15 by the fault
 * suite, 1 by whoever else runs the bench), so neither a prefix nor an index of the run's own is to be had there.
 * Between the worlds of one run the bench still deletes Samverka's keys on it (emptyBenchRedis).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { freePort } from "../../helpers/free-port.ts";
import { sleep } from "./stats.ts";

/** A redis-server of the bench's own. */
export interface BenchRedis {
  url: string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Starts a private redis-server (the `redis-server` on PATH) and waits until it answers. */
export async function startBenchRedis(): Promise<BenchRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), "samverka-bench-redis-"));
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let failure: Error | undefined;
  child.once("error", (error) => (failure = error));
  // The run may end without stop() (an uncaught error): the server must not outlive it.
  const cleanUp = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", cleanUp);
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    process.off("exit", cleanUp);
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100 && failure === undefined && child.exitCode === null; i++) {
    if (await answers(url)) return { url, stop };
    await sleep(100);
  }
  process.off("exit", cleanUp);
  cleanUp();
  throw new Error(`the bench's own redis-server (port ${port}) did not answer${failure === undefined ? "" : `: ${failure.message}`}`);
}

let running: Promise<BenchRedis> | undefined;

/** The URL of this run's Redis, started on first use and stopped by stopBenchRedis (or when the run ends). */
export function benchRedisUrl(): Promise<string> {
  running ??= startBenchRedis();
  return running.then((r) => r.url);
}

/** Stops this run's Redis, if one was started. */
export async function stopBenchRedis(): Promise<void> {
  const r = running;
  running = undefined;
  if (r !== undefined) await (await r).stop();
}
