import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SamverkaError } from "../../src/shared/errors.ts";
import { childProcessEnvironment } from "../../src/config.ts";

/** How to run the binaries: from where, on which data directory, as whom. */
export interface ServerProcessOptions {
  binDir: string;
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  /** Run as this uid/gid (root runs the server as `postgres`); the current user when undefined. */
  runAs: { uid: number; gid: number } | undefined;
  onLog(line: string): void;
}

/** The running server process. */
export interface ServerProcess {
  /** Resolves once the process has exited; rejects with the reason when it stopped on its own before `stop`. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

const binary = (options: ServerProcessOptions, name: string) => path.join(options.binDir, "bin", process.platform === "win32" ? `${name}.exe` : name);

// English server messages whatever the machine's locale, so they read like the rest of Samverka's log.
const env = () => childProcessEnvironment({ LC_MESSAGES: "C", LC_ALL: undefined });

/**
 * Spawns a binary and waits for it to end. Every spawn failure (EACCES, ENOENT) comes back as a rejection naming
 * the binary, never as an unhandled 'error' event.
 */
function run(options: ServerProcessOptions, name: string, args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(binary(options, name), args, { ...options.runAs, env: env(), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim() !== "") options.onLog(line.trim());
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const done = new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    child.once("error", (error) => reject(new SamverkaError("internal", `${name} could not be run (${error.message})`)));
    child.once("close", (code) => resolve({ code, output }));
  });
  return { child, done };
}

/** Creates the cluster (initdb): UTF-8 with Unicode-aware character classes on every platform, password auth. */
export async function initialiseCluster(options: ServerProcessOptions): Promise<void> {
  const passwordFile = path.join(tmpdir(), `samverka-pg-${randomBytes(6).toString("hex")}`);
  // Readable by the server's user (root runs initdb as postgres); removed as soon as initdb ends.
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o644 });
  try {
    const { done } = run(options, "initdb", [
      `--pgdata=${options.databaseDir}`,
      "--auth=scram-sha-256",
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      "--encoding=UTF8",
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
    ]);
    const { code, output } = await done;
    if (code !== 0) throw new SamverkaError("internal", `initdb could not create ${options.databaseDir} (exit code ${code}): ${lastLine(output)}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Starts the server on 127.0.0.1 only; `ready` decides when it accepts connections. */
export async function startServer(options: ServerProcessOptions, ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, done } = run(options, "postgres", ["-D", options.databaseDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1"]);
  let stopping = false;
  let ended = false;
  const exited = done.then(
    ({ code, output }) => {
      ended = true;
      if (!stopping) throw new SamverkaError("internal", `postgres exited with code ${code}: ${lastLine(output)}`);
    },
    (error: unknown) => {
      ended = true;
      throw error;
    },
  );
  // Until start-up is over, the failure is reported by start-up; afterwards it is the caller's to watch.
  exited.catch(() => undefined);
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (ended) await exited;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new SamverkaError("internal", `postgres did not accept connections within ${timeoutMs / 1000} s (data in ${options.databaseDir})`);
    }
    await Promise.race([exited.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return {
    exited,
    stop: async () => {
      if (ended) return;
      stopping = true;
      // Fast shutdown: open transactions are rolled back, the data stays consistent.
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited.catch(() => undefined);
      clearTimeout(timer);
    },
  };
}

/** The line that says why: PostgreSQL's last FATAL or ERROR (without its timestamp prefix), else the last line. */
function lastLine(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const reason = lines.findLast((l) => /\b(FATAL|ERROR|PANIC):/.test(l));
  return reason?.replace(/^.*?\b(FATAL|ERROR|PANIC):\s*/, "") ?? lines.at(-1) ?? "no output";
}
