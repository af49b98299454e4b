/**
 * Starts the REAL Samverka server (startApp) on 127.0.0.1 for e2e tests: silent, a fresh data directory, no example
 * seed, no playground. The platform helpers (`slack-server.ts`, `teams-server.ts`) add their fake's settings.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Feature } from "../../src/app/feature.ts";
import { loadConfig } from "../../src/config.ts";
import { startApp, type RunningApp } from "../../src/main.ts";
import type { Clock } from "../../src/shared/clock.ts";
import { silentLogger, type Logger } from "../../src/shared/logger.ts";

/** What an e2e test may choose about the server; the database at `databaseUrl` is migrated by start-up, not seeded. */
export interface TestServerOptions {
  databaseUrl: string;
  features?: readonly Feature[];
  clock?: Clock;
  logger?: Logger;
  env?: Record<string, string>;
}

/** Starts the server with `platformEnv` (then the test's own `env`) on top of the test settings; it has an HTTP URL. */
export async function startTestApp(options: TestServerOptions, platformEnv: Record<string, string>): Promise<RunningApp & { url: string }> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    SAMVERKA_DATA_DIR: mkdtempSync(path.join(tmpdir(), "samverka-e2e-")),
    // The platform fakes play Teams on loopback without credentials: unauthenticated Teams, asked for explicitly.
    SAMVERKA_TEAMS_LOCAL: "1",
    ...platformEnv,
    ...options.env,
  });
  const app = await startApp(config, {
    logger: options.logger ?? silentLogger,
    seedExample: false,
    playground: false,
    ...(options.features === undefined ? {} : { features: options.features }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const url = app.url;
  if (url === undefined) {
    await app.close();
    throw new Error("startApp did not start the HTTP server");
  }
  return Object.assign(app, { url });
}
