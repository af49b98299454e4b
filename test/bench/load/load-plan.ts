import { fork } from "node:child_process";
import path from "node:path";
import { percentile } from "../lib/stats.ts";

/** What the load process sends, to which target, how hard. */
export interface LoadPlan {
  kind: "slack-command" | "slack-event" | "teams-message";
  /** The target's endpoint (/slack/events or /api/messages). */
  url: string;
  /** Platform user ids, used in turn. */
  users: string[];
  /** The text of each command or message. */
  text: string;
  /** Slack signing secret. */
  secret?: string;
  /** The fake platform: response URLs (Slack) or serviceUrl (Teams) point at it. */
  platformUrl: string;
  connections: number;
  /** Requests per second over all connections (a fixed rate); unlimited (saturation) when absent. */
  rate?: number;
  durationSec?: number;
  /** A fixed number of requests (a burst) instead of a duration. */
  amount?: number;
}

/** What the load process measured. */
export interface LoadResult {
  startedAt: number;
  finishedAt: number;
  /** Every response's latency in ms, from the request's write to the response's end. */
  latencies: number[];
  statuses: Record<string, number>;
  /** 2xx responses. */
  ok: number;
  errors: number;
  timeouts: number;
  durationSec: number;
}

/** The figures of one load run: acknowledgement latency and acknowledged requests per second. */
export interface LoadFigures {
  ackP50: number;
  ackP99: number;
  rps: number;
  ok: number;
  failed: number;
}

/** Runs a plan in a separate process and waits for its result. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const child = fork(path.join(import.meta.dirname, "load-process.ts"), [JSON.stringify(plan)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (result: LoadResult) => resolve(result));
    child.once("exit", (code) => reject(new Error(`the load process exited with ${code} before reporting`)));
  });
}

export function figuresOf(result: LoadResult): LoadFigures {
  const failed = Object.entries(result.statuses).filter(([code]) => !code.startsWith("2")).reduce((n, [, c]) => n + c, 0) + result.errors;
  return { ackP50: percentile(result.latencies, 50), ackP99: percentile(result.latencies, 99), rps: result.ok / result.durationSec, ok: result.ok, failed };
}
