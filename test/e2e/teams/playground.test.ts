import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { startApp, type RunningApp } from "../../../src/main.ts";
import { silentLogger, type Logger } from "../../../src/shared/logger.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sends a message as the playground's current user, the way its web page does (its conversation API). */
async function typeInPlayground(playgroundUrl: string, text: string): Promise<void> {
  const url = new URL("/_conversation/v1/conversations/a:playground-personal-chat/messages", playgroundUrl.replace("localhost", "127.0.0.1"));
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ from: { id: "user-id-0" }, text, textFormat: "plain" }),
  });
  if (res.status !== 200) throw new Error(`the playground refused the message: ${res.status} ${await res.text()}`);
}

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm start without Teams credentials, on a fresh embedded data directory", () => {
  let app: RunningApp;
  let dataDir: string;
  let playgroundUrl: string | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "samverka-playground-"));
    // mkdtemp makes a 0700 folder; as root the embedded server runs as the postgres user, which must reach it.
    chmodSync(dataDir, 0o755);
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
    app = await startApp(config, { logger });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the Agents Playground, prints its URL, and hjälp typed there gets the help card", async () => {
    expect(playgroundUrl).toMatch(/^http:\/\/localhost:\d+$/);
    await typeInPlayground(playgroundUrl!, "hjälp");
    // The playground logs every activity it receives from the bot; the help card is among them.
    const log = () => readFileSync(path.join(dataDir, "m365agentsplayground.log"), "utf8");
    await eventually(() => log().includes("Samverka – det här kan jag"), "the help card reached the playground");
  });

  it("knows the playground's user as the Stockholm example's samordning member", async () => {
    await typeInPlayground(playgroundUrl!, "status");
    const log = () => readFileSync(path.join(dataDir, "m365agentsplayground.log"), "utf8");
    await eventually(
      () => log().includes("Din status i Samverka") && log().includes("Utsatta EU-medborgare"),
      "the status card named the Stockholm partnership",
    );
  });

  it("lists the example's planned meetings at the first möten, without waiting for the daily tick", async () => {
    await typeInPlayground(playgroundUrl!, "möten");
    const log = () => readFileSync(path.join(dataDir, "m365agentsplayground.log"), "utf8");
    await eventually(
      () => log().includes("Kommande möten") && log().includes("**Samverkansgrupp**: torsdag"),
      "the meetings list named a planned Samverkansgrupp meeting",
    );
  });
});
