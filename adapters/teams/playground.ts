import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SamverkaError } from "../../src/shared/errors.ts";
import { readPlaygroundConfig } from "./playground-config.ts";
import { installInPlaygroundTeam } from "./playground-install.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { childProcessEnvironment } from "../../src/config.ts";

/** Where and how to run the Microsoft 365 Agents Playground. */
export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** The playground's port; 56150 is its default, 0 picks a free one. It falls back to a free port when taken. */
  port?: number;
  logger: Logger;
  /** Users, team and channels (default: `PLAYGROUND_CONFIG`). */
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

// How long the playground must stay up after its launch line before it counts as started.
const SETTLE_MS = 1000;

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The playground's users, team and channels: `.m365agentsplayground.yml` at the repository root. */
export const PLAYGROUND_CONFIG = path.join(ROOT, ".m365agentsplayground.yml");

/**
 * Everyone the playground configured at `configPath` can chat as: the current user and the other users, by their
 * `id` and their `aadObjectId` (a partnership file may name a person by either). The playground delivers to no one else.
 */
export function playgroundUsers(configPath: string = PLAYGROUND_CONFIG): ReadonlySet<string> {
  return readPlaygroundConfig(configPath).users;
}

/** Starts the playground CLI as a child process (no browser) and resolves once it listens. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const cli = createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/cli.js");
  const logFile = options.logFile ?? path.join(ROOT, ".data", "m365agentsplayground.log");
  mkdirSync(path.dirname(logFile), { recursive: true });
  // The playground rewrites its log on start; a stale one must not be read as this start's outcome.
  rmSync(logFile, { force: true });
  const child = spawn(
    process.execPath,
    [
      "--import",
      path.join(import.meta.dirname, "playground-loopback.ts"),
      cli,
      "--app-endpoint",
      options.botEndpoint,
      "--channel-id",
      "msteams",
      "--port",
      String(options.port ?? 56150),
      "--disable-telemetry",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      // Not configuration: the child inherits this process's environment (PATH, HOME) plus its own three settings.
      env: childProcessEnvironment({
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? PLAYGROUND_CONFIG,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      }),
    },
  );
  const log = options.logger.child({ component: "agents-playground" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    let polling: NodeJS.Timeout | undefined;
    let launchedAt: number | undefined;
    const timer = setTimeout(() => fail(`it did not start listening within ${(options.startTimeoutMs ?? 20_000) / 1000} s`), options.startTimeoutMs ?? 20_000);
    let settled = false;
    function fail(why: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(polling);
      // Its reasons (a config error names the missing property) are in its log, not on stdout.
      output += errorLines(readLog(logFile));
      child.kill("SIGTERM");
      reject(new SamverkaError("internal", `The Microsoft 365 Agents Playground could not start: ${why}. Its output: ${output.trim().slice(-500)}`));
    }
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (\d+)/.exec(output);
      if (listening === null || polling !== undefined) return;
      // It listens before it reads its config; its log then says whether it launched or why it gave up.
      polling = setInterval(() => {
        const written = readLog(logFile);
        if (launchedAt === undefined && written.includes("is being launched")) launchedAt = Date.now();
        // A bad config is reported (and the process exits) right after the launch line; no line confirms a good one.
        if (launchedAt !== undefined && !written.includes("Failed to start") && Date.now() - launchedAt >= SETTLE_MS) {
          settled = true;
          clearInterval(polling);
          clearTimeout(timer);
          resolve(Number(listening[1]));
        } else if (written.includes("Failed to start")) {
          clearInterval(polling);
          fail("it rejected its configuration");
        }
      }, 100);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log.warn(chunk.toString().trim());
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`it exited with code ${code ?? "none"}`));
  });

  const url = `http://localhost:${port}`;
  // As if the app had been added to the team: the channels are known without anyone writing in them first.
  const installed = await installInPlaygroundTeam(url, options.configPath ?? PLAYGROUND_CONFIG, log);
  log.info({ channels: installed }, "Samverka is installed in the playground's team");

  let stopping = false;
  child.once("exit", (code) => {
    if (!stopping) log.error({ code, logFile }, "the Microsoft 365 Agents Playground stopped; restart Samverka to get it back");
  });
  return {
    url,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function errorLines(log: string): string {
  return log
    .split("\n")
    .filter((l) => l.startsWith("error "))
    .map((l) => `\n${l}`)
    .join("");
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}
