/**
 * The REAL bot as a child process (`node src/cli.ts start|web|worker`), in its own process group so a SIGKILL
 * takes it and everything it started (the Agents Playground) down at once, as a crash of the host would.
 *
 *   const bot = await startBot({ role: "start", env, name: "s1" });   // resolves once /healthz answers
 *   bot.rssKb();                 // VmRSS of the bot process, from /proc/<pid>/status
 *   await bot.kill();            // SIGKILL to the whole group, then waits for the exit
 *   afterEach(killAllBots);      // every file: no process outlives its test
 *
 * Output goes to a log file per process (printed on failure by `logTail`), so nothing blocks on a full pipe.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { childEnvironment } from "../../helpers/child-env.ts";
import { freePort } from "../../helpers/free-port.ts";
import { nodeFlagsOfStartScript } from "../../helpers/start-flags.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const CLI = path.join(ROOT, "src/cli.ts");
// Node 24 (the repository's pinned node) runs the TypeScript sources; vitest itself may run on another node.
const NODE = existsSync(path.join(ROOT, "node_modules/.bin/node")) ? path.join(ROOT, "node_modules/.bin/node") : process.execPath;
/** The Node flags `npm start` runs the bot with, so what is measured here is what runs in production. */
const NODE_FLAGS = nodeFlagsOfStartScript();
/** Where the fault suite keeps its logs and the bots' data directories. */
export const FAULTS_TMP = path.join(os.tmpdir(), `samverka-faults-${process.pid}`);

export type BotRole = "start" | "web" | "worker";

/** One running bot process. */
export interface BotProcess {
  readonly name: string;
  readonly role: BotRole;
  readonly pid: number;
  /** http://127.0.0.1:<port>, for `start` and `web`. */
  readonly url: string;
  readonly logFile: string;
  /** Whether the process has not exited. */
  alive(): boolean;
  /** How it ended, once it has. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resident memory of the bot process in kB, or undefined once it is gone. */
  rssKb(): number | undefined;
  /** Sends `signal` to the whole process group and waits (bounded) for the bot to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The last lines of its output, for failure messages. */
  logTail(lines?: number): string;
}

const running = new Set<BotProcess>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

// A test runner that dies between a spawn and its afterEach must not leave bots behind.
process.once("exit", () => {
  for (const bot of running) killGroup(bot.pid, "SIGKILL");
});

/** Starts the bot and waits until it serves HTTP (start, web) or its job workers run (worker). */
export async function startBot(options: { role: BotRole; env: Record<string, string>; name: string; readyTimeoutMs?: number }): Promise<BotProcess> {
  const { role, name } = options;
  const dir = path.join(FAULTS_TMP, name);
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `${role}-${Date.now()}.log`);
  const port = role === "worker" ? 0 : await freePort();
  const env: Record<string, string> = childEnvironment({
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    SAMVERKA_DATA_DIR: dir,
    // The playground comes with Teams served unauthenticated on loopback; a port of its own per bot.
    SAMVERKA_PLAYGROUND_PORT: String(await freePort()),
    ...options.env,
    PORT: String(port),
  });
  const out = openSync(logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(NODE, [...NODE_FLAGS, CLI, role], { cwd: ROOT, env, detached: true, stdio: ["ignore", out, out] });
  } finally {
    closeSync(out);
  }
  const pid = child.pid!;
  let exitedWith: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      exitedWith = { code, signal };
      resolve(exitedWith);
    }),
  );
  const logTail = (lines = 30) => {
    const text = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    return text
      .split("\n")
      .slice(-lines)
      .map((l) => l.slice(0, 400))
      .join("\n");
  };
  const bot: BotProcess = {
    name,
    role,
    pid,
    url: `http://127.0.0.1:${port}`,
    logFile,
    alive: () => exitedWith === undefined,
    exited,
    rssKb() {
      try {
        const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
        return match === null ? undefined : Number(match[1]);
      } catch {
        return undefined;
      }
    },
    async kill(signal = "SIGKILL") {
      killGroup(pid, signal);
      const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), 10_000).unref());
      if ((await Promise.race([exited, timer])) === "late") {
        killGroup(pid, "SIGKILL");
        await exited;
      }
      // The group may outlive its leader for a moment (the playground); make sure it is gone too.
      killGroup(pid, "SIGKILL");
      running.delete(bot);
    },
    logTail,
  };
  running.add(bot);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 45_000);
  for (;;) {
    if (!bot.alive()) throw new Error(`bot ${name} (${role}) exited before it was ready: ${JSON.stringify(exitedWith)}\n${logTail()}`);
    if (await isReady(bot)) return bot;
    if (Date.now() > deadline) {
      await bot.kill();
      throw new Error(`bot ${name} (${role}) was not ready within ${options.readyTimeoutMs ?? 45_000} ms\n${logTail()}`);
    }
    await sleep(50);
  }
}

async function isReady(bot: BotProcess): Promise<boolean> {
  if (bot.role === "worker") return readFileSync(bot.logFile, "utf8").includes('"msg":"job workers are running"');
  try {
    const res = await fetch(`${bot.url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** SIGKILLs every bot still running (afterEach / afterAll of every fault test file). */
export async function killAllBots(): Promise<void> {
  await Promise.all([...running].map((bot) => bot.kill()));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
