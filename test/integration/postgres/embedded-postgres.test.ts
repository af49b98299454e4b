/**
 * The embedded PostgreSQL for real: as root from a clone the postgres user cannot enter (like one in /root), and
 * a start that cannot succeed ending in one line that says what to do.
 */
import { chmod, cp, mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findPackageBinaries } from "../../../adapters/postgres/embedded-host.ts";
import { startEmbeddedPostgres } from "../../../adapters/postgres/embedded.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { freePort } from "../../helpers/free-port.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function listening(): Promise<{ server: Server; port: number }> {
  // Another program on the port: it accepts connections and hangs up.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe("the embedded PostgreSQL", () => {
  it.runIf(process.getuid?.() === 0)(
    "starts as root from a private clone, with its data and binaries where the postgres user reaches them",
    async () => {
      // A clone only root can enter (mkdtemp makes it 0700), with its own copy of the package's binaries.
      const clone = await tempDir("samverka-private-clone-");
      const packaged = await findPackageBinaries();
      const binDir = path.join(clone, "node_modules", "native");
      await cp(packaged.binDir, binDir, { recursive: true, verbatimSymlinks: true });
      const systemDir = path.join(await tempDir("samverka-system-"), "samverka");
      await chmod(path.dirname(systemDir), 0o755);

      const options = { dataDir: path.join(clone, ".data"), port: await freePort(), logger: silentLogger, systemDir, binaries: { binDir, version: "test" } };
      const db = await startEmbeddedPostgres(options);
      try {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        const { rows } = await client.query<{ user: string; dir: string }>("select current_user as user, current_setting('data_directory') as dir");
        await client.end();
        expect(rows[0]!.dir.startsWith(`${systemDir}/embedded-`)).toBe(true);
        const staged = path.join(path.dirname(rows[0]!.dir), "postgres-test");
        expect((await stat(path.join(staged, "bin", "postgres"))).mode & 0o005).toBe(0o005);
      } finally {
        await db.stop();
      }
      // The next start finds the same data and the binaries already copied.
      const again = await startEmbeddedPostgres(options);
      await again.stop();
    },
    120_000,
  );

  it("stops with one line saying what to do when the server cannot start", async () => {
    const taken = await listening();
    try {
      const dataDir = await tempDir("samverka-embedded-taken-");
      await chmod(dataDir, 0o755);
      const failure = await startEmbeddedPostgres({ dataDir, port: taken.port, logger: silentLogger }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(SamverkaError);
      const { code, message } = failure as SamverkaError;
      expect(code).toBe("config_invalid");
      expect(message).not.toContain("\n");
      expect(message).toContain("could not create any TCP/IP sockets");
      expect(message).toContain(`Set SAMVERKA_EMBEDDED_PG_PORT if port ${taken.port} is taken`);
    } finally {
      await new Promise((resolve) => taken.server.close(resolve));
    }
  }, 120_000);
});
