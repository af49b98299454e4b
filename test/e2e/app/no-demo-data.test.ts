/**
 * Demo data only on the embedded default (issue 13, item 3): `npm start` with a DATABASE_URL pointing at an empty
 * database imports no made-up partnership, people or samordning member, and tells the operator how to import theirs.
 * The real CLI runs as a child process, as an operator would start it.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../helpers/test-database.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Runs `npm start` (node src/cli.ts start) until it listens, then stops it; returns everything it wrote. */
async function startOnce(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ["src/cli.ts", "start"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes("Samverka is listening")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGTERM");
  await exited;
  return output;
}

describe("npm start with DATABASE_URL on an empty database", () => {
  let db: TestDatabase;
  let dataDir: string;
  let output: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    dataDir = mkdtempSync(path.join(tmpdir(), "samverka-nodemo-"));
    output = await startOnce({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", SAMVERKA_DATA_DIR: dataDir });
  }, 90_000);
  afterAll(async () => {
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("imports no partnership, no people and no samordning member", async () => {
    expect(await db.db.selectFrom("partnerships").select("id").execute()).toEqual([]);
    expect(await db.db.selectFrom("members").select("id").execute()).toEqual([]);
    expect(output).not.toContain("imported the Stockholm example");
  });

  it("says how to import a partnership", () => {
    expect(output).toContain("The database has no partnership yet");
    expect(output).toContain("npm run samverka -- import path/to/partnership.yaml");
    expect(output).toContain("examples/README.md");
  });

  it("does not serve Teams unauthenticated on a production database, and says how to turn it on", () => {
    expect(output).toContain("Teams is off (/api/messages is refused)");
    expect(output).not.toContain("UNAUTHENTICATED");
  });
});
