import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { startApp } from "../../../src/main.ts";
import { createCaptureLogger } from "../../helpers/capture-logger.ts";
import { freePort } from "../../helpers/free-port.ts";
import { insertPartnership } from "../../helpers/seed.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("a fresh clone with no environment", () => {
  it("starts on an embedded PostgreSQL, answers /healthz and /readyz, and keeps its data across a restart", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "samverka-embedded-"));
    dirs.push(dataDir);
    // mkdtemp makes a 0700 folder; as root the server runs as the postgres user, which must reach it.
    await chmod(dataDir, 0o755);
    const config = loadConfig({ PORT: "0", SAMVERKA_DATA_DIR: dataDir, SAMVERKA_EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: "silent" });
    const logger = createCaptureLogger();
    const options = { logger, playground: false, seedExample: false };

    const first = await startApp(config, options);
    try {
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      // A fresh embedded data directory is a local one: Teams runs unauthenticated for the playground, and says so.
      expect(existsSync(path.join(dataDir, "teams-local"))).toBe(true);
      expect(logger.messages("warn").some((m) => m.includes("Teams accepts UNAUTHENTICATED requests for local use"))).toBe(true);
      const teams = await fetch(`${first.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      expect(teams.status).toBe(400);
      const ready = await fetch(`${first.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready" });
      await insertPartnership(first.db, { id: "kvar-efter-omstart", name: "Kvar" });
    } finally {
      await first.close();
    }

    const second = await startApp(config, options);
    try {
      const row = await second.db.selectFrom("partnerships").where("id", "=", "kvar-efter-omstart").select("name").executeTakeFirst();
      expect(row?.name).toBe("Kvar");
    } finally {
      await second.close();
    }
  }, 120_000);
});
