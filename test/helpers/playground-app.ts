/**
 * `npm start` as a newcomer runs it, for the Playground tests: a fresh data directory, the embedded PostgreSQL, the
 * Stockholm example, Teams served unauthenticated for local use and the Agents Playground, whose URL is read from the
 * log line that prints it.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.ts";
import { startApp, type RunningApp } from "../../src/main.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";
import { freePort } from "./free-port.ts";

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The running app with its Playground. */
export interface PlaygroundApp {
  app: RunningApp;
  /** The Playground's address as the log printed it (http://localhost:…). */
  playgroundUrl: string;
  /** The Playground's own log of every activity the bot sent it. */
  log(): string;
  close(): Promise<void>;
}

/** Starts the app as `npm start` does on a fresh data directory named with `prefix`. */
export async function startPlaygroundApp(prefix: string): Promise<PlaygroundApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  // mkdtemp makes a 0700 folder; as root the embedded server runs as the postgres user, which must reach it.
  chmodSync(dataDir, 0o755);
  let playgroundUrl = "";
  const logger: Logger = {
    ...silentLogger,
    info: (obj, msg) => {
      if (typeof obj === "object" && "url" in obj && typeof msg === "string" && msg.includes("Teams user")) playgroundUrl = String(obj.url);
    },
    child: () => logger,
  };
  // No DATABASE_URL: the embedded PostgreSQL, the Stockholm example imported (its playground-alex is the playground's
  // current user), and Teams unauthenticated for local use because the data directory is fresh.
  const config = loadConfig({
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    SAMVERKA_DATA_DIR: dataDir,
    SAMVERKA_EMBEDDED_PG_PORT: String(await freePort()),
  });
  const app = await startApp(config, { logger });
  return {
    app,
    playgroundUrl,
    log: () => readFileSync(path.join(dataDir, "m365agentsplayground.log"), "utf8"),
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
