/**
 * Starting and watching the processes the bench measures: each runs in its own Node process (so its memory is its
 * own and the load comes from outside), says "ready" over IPC, and is stopped with SIGTERM. Their output goes to
 * bench/logs/run-<pid>/, where a failed run can be read.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { RUN_LOGS_DIR } from "./paths.ts";
import { childEnvironment } from "../../helpers/child-env.ts";

/** A running process under measurement. */
export interface Target {
  name: string;
  pid: number;
  url: string;
  /** Resident memory now, in MB (10^6 bytes, as the issue counts) (Linux /proc). */
  rssMB(): number;
  /** The first IPC message of `type` the process sent (or sends within `timeoutMs`). */
  message(type: string, timeoutMs: number): Promise<Record<string, unknown> | undefined>;
  /** Every IPC message of `type` so far. */
  messagesOf(type: string): Record<string, unknown>[];
  /** Sends an IPC message to the process. */
  send(message: Record<string, unknown>): void;
  stop(): Promise<void>;
}

let sequence = 0;

/** Starts `script` with `env` (on top of a minimal environment) and waits for its "ready". */
export async function startTarget(name: string, script: string, env: Record<string, string>, options: { nodeArgs?: string[]; timeoutMs?: number } = {}): Promise<Target> {
  const logs = RUN_LOGS_DIR;
  mkdirSync(logs, { recursive: true });
  const logFile = path.join(logs, `${String(++sequence).padStart(3, "0")}-${name}.log`);
  const log = createWriteStream(logFile);
  const child: ChildProcess = fork(script, [], {
    env: childEnvironment({ NODE_ENV: "production", ...env }),
    execArgv: options.nodeArgs ?? [],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const messages: Record<string, unknown>[] = [];
  child.on("message", (message: Record<string, unknown>) => messages.push(message));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${options.timeoutMs ?? 60_000} ms; see ${logFile}`)), options.timeoutMs ?? 60_000);
    child.on("message", (message: { type?: string; url?: string }) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        resolve(message.url ?? "");
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready; see ${logFile}`));
    });
  });
  const pid = child.pid!;
  return {
    name,
    pid,
    url,
    rssMB: () => rssMB(pid),
    messagesOf: (type) => messages.filter((m) => m.type === type),
    send: (message) => void child.send(message),
    message: async (type, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.type === type);
        if (found !== undefined || Date.now() > deadline || child.exitCode !== null) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
}

/** Resident set size of a process, in MB (10^6 bytes, as the issue counts). */
export function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return (kb * 1024) / 1e6;
}

/** Samples a process's resident memory every `everyMs` until stopped; returns the highest seen. */
export function sampleRss(target: Target, everyMs = 250): { stop(): number } {
  let peak = target.rssMB();
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, target.rssMB());
    } catch {
      // The process ended; the peak so far stands.
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
