/**
 * The browser suite's world, started once: `npm start` as a newcomer runs it (embedded PostgreSQL on a fresh data
 * directory, the Stockholm example, the Microsoft 365 Agents Playground), on free ports of its own, and one headless
 * Debian Chromium that every journey opens its own page in.
 *
 * SAMVERKA_BROWSER_PLAYGROUND=http://localhost:56150 points the journeys at a Playground already running instead
 * (an `npm start` of your own), to watch or debug one journey without waiting for a fresh start.
 */
import { spawn } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserServer } from "playwright-core";
import type { TestProject } from "vitest/node";
import { childEnvironment } from "../../helpers/child-env.ts";
import { freePort } from "../../helpers/free-port.ts";
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from "./browser-options.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Agents Playground's address, e.g. http://localhost:41234. */
    playgroundUrl: string;
    /** Where the one Chromium listens for Playwright (`chromium.connect`). */
    browserEndpoint: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, "../../..");
// A fresh embedded PostgreSQL starts in ~30 s on 2 busy cores; migrations, the example and the Playground follow.
const START_TIMEOUT_MS = 180_000;
const READY_LINE = /"url":"(http:\/\/localhost:\d+)","msg":"Chat with Samverka as a Teams user/;

interface Started {
  url: string;
  stop(): Promise<void>;
}

/** `npm start` in its own process group (it starts PostgreSQL and the Playground), resolved once it prints the URL. */
async function startSamverka(): Promise<Started> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "samverka-browser-"));
  // mkdtemp makes a 0700 folder; as root the embedded server runs as the postgres user, which must reach it.
  chmodSync(dataDir, 0o755);
  const logFile = path.join(dataDir, "npm-start.log");
  const out = openSync(logFile, "a");
  const env = childEnvironment({
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    SAMVERKA_DATA_DIR: dataDir,
    SAMVERKA_EMBEDDED_PG_PORT: String(await freePort()),
    SAMVERKA_PLAYGROUND_PORT: String(await freePort()),
    LOG_LEVEL: "info",
  });
  const child = spawn("npm", ["start"], { cwd: ROOT, env, detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const log = () => readFileSync(logFile, "utf8");
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 20_000);
    await exited;
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const ready = READY_LINE.exec(log());
    if (ready !== null) return { url: ready[1]!, stop };
    if (gone || Date.now() > deadline) {
      const tail = log().split("\n").slice(-30).join("\n");
      await stop();
      throw new Error(`npm start did not serve the Agents Playground ${gone ? "(it exited)" : `within ${START_TIMEOUT_MS / 1000} s`}. Its output:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Only this run's failures: a screenshot left from an earlier run would be read as one of them.
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const existing = process.env.SAMVERKA_BROWSER_PLAYGROUND;
  const samverka = existing === undefined ? await startSamverka() : { url: existing, stop: async () => {} };
  let browser: BrowserServer;
  try {
    // Playwright gives it a new empty profile (--user-data-dir) of its own; no browser is downloaded.
    browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    await samverka.stop();
    throw new Error(`Chromium did not start from ${CHROMIUM} (apt-get install -y chromium): ${String(error)}`, { cause: error });
  }
  project.provide("playgroundUrl", samverka.url);
  project.provide("browserEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close();
    await samverka.stop();
  };
}
