import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SamverkaError } from "../../src/shared/errors.ts";
import type { Logger } from "../../src/shared/logger.ts";

/** Where and how to run the Microsoft 365 Agents Playground. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** The playground's port; 56150 is its default, 0 picks a free one. It falls back to a free port when taken. */
  port?: number;
  logger: Logger;
  /** Users, team and channels (default: `.m365agentsplayground.yml` at the repository root). */
  configPath?: string;
  /** The playground's own log (default: `.data/m365agentsplayground.log`). */
  logFile?: string;
  /** How long to wait for it to listen. */
  startTimeoutMs?: number;
}

/** A running playground. */
export interface Playground {
  /** Open this in a browser to chat with the bot as a Teams user. */
  url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Starts the playground CLI as a child process (no browser) and resolves once it listens. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  const logFile = options.logFile ?? path.join(ROOT, ".data", "m365agentsplayground.log");
  mkdirSync(path.dirname(logFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [cli, "--app-endpoint", options.botEndpoint, "--channel-id", "msteams", "--port", String(options.port ?? 56150), "--disable-telemetry"],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? path.join(ROOT, ".m365agentsplayground.yml"),
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
    },
  );
  const log = options.logger.child({ component: "agents-playground" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(`it did not start listening within ${(options.startTimeoutMs ?? 20_000) / 1000} s`), options.startTimeoutMs ?? 20_000);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(new SamverkaError("internal", `The Microsoft 365 Agents Playground could not start: ${why}. Its output: ${output.trim().slice(-500)}`));
    }
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/.exec(output);
      if (listening !== null) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log.warn(chunk.toString().trim());
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`it exited with code ${code ?? "none"}`));
  });

  return {
    url: `http://localhost:${port}`,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
