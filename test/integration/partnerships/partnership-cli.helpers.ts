import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import type { CliContext } from "../../../src/app/cli-command.ts";
import type { Db } from "../../../src/db/database.ts";
import type { Clock } from "../../../src/shared/clock.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

/** The example partnership files shipped in `examples/`. */
export const EXAMPLES = ["stockholm-eu-medborgare.yaml", "bris-stodgrupper.yaml", "goteborg-ensamkommande.yaml"].map((name) =>
  path.resolve(import.meta.dirname, "../../../examples", name),
);

/** The text of an example file. */
export function readExample(name: string): string {
  return readFileSync(path.resolve(import.meta.dirname, "../../../examples", name), "utf8");
}

/** A CLI context that records what the command printed. */
export function recordingContext(db: Db, clock: Clock): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { db, clock, logger: silentLogger, out: (l) => stdout.push(l), err: (l) => stderr.push(l), stdout, stderr };
}

const TABLES = [
  "partnerships",
  "organisations",
  "city_units",
  "groups",
  "members",
  "member_identities",
  "group_members",
  "channels",
  "activities",
  "activity_staff",
  "cold_night_settings",
  "incident_settings",
  "report_settings",
  "audit_events",
] as const;

/** Every row of the partnership tables with its `xmin`, which changes on any write, even one of equal values. */
export async function snapshotRows(db: Db): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await sql<Record<string, unknown>>`select xmin::text as row_version, t.* from ${sql.table(table)} t order by 1, 2`.execute(db);
    snapshot[table] = rows.rows;
  }
  return snapshot;
}
