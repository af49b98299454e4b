import { writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startPlayground } from "../../../adapters/teams/index.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

/** Whether something listens on `port` on this machine's non-loopback addresses. */
async function listensBeyondLoopback(port: number): Promise<boolean> {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);
  for (const address of addresses) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: address, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return true;
  }
  return false;
}

// The playground's own log, in the system's temporary folder (not /tmp: a clone may run where there is none).
const logFile = path.join(tmpdir(), "samverka-playground-test.log");

describe("Microsoft 365 Agents Playground launcher", () => {
  it("starts the playground without a browser, serves its page at the returned URL, and stops it", async () => {
    const playground = await startPlayground({ botEndpoint: "http://127.0.0.1:3978/api/messages", port: 0, logger: silentLogger, logFile });
    try {
      expect(playground.url).toMatch(/^http:\/\/localhost:\d+$/);
      const page = await fetch(playground.url.replace("localhost", "127.0.0.1"));
      expect(page.status).toBe(200);
      // It acts as a samordning member without any login, so only this machine may reach it.
      const port = Number(new URL(playground.url).port);
      expect(await listensBeyondLoopback(port)).toBe(false);
    } finally {
      await playground.stop();
    }
    await expect(fetch(playground.url.replace("localhost", "127.0.0.1"))).rejects.toThrow();
  });

  it("fails with the playground's own words when its configuration is broken", async () => {
    const broken = path.join(tmpdir(), `samverka-playground-${process.pid}.yml`);
    writeFileSync(broken, 'version: "0.1.1"\ntenantId: t\n');
    await expect(
      startPlayground({
        botEndpoint: "http://127.0.0.1:3978/api/messages",
        port: 0,
        logger: silentLogger,
        configPath: broken,
        logFile,
        startTimeoutMs: 15_000,
      }),
    ).rejects.toThrow(/could not start.*ConfigFileParseError.*must have required property/s);
  });
});
