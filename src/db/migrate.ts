import { promises as fs } from "node:fs";
import path from "node:path";
import { FileMigrationProvider, Migrator, type Kysely, type MigrationResult } from "kysely";
import { SamverkaError } from "../shared/errors.ts";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../migrations");

/** Applies every pending migration; returns the names applied. Throws with the failing migration named. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === "Success").map((r) => r.migrationName);
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new SamverkaError("internal", `Database migration ${failed} failed; nothing after it was applied.`, { cause: error });
  }
  return applied;
}
