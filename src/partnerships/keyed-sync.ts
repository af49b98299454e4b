import { isDeepStrictEqual } from "node:util";
import type { Db } from "../db/database.ts";
import type { ChangeCounts } from "./change-summary.ts";

/** A row of a table whose entries are named by a key in the file and deactivated, never deleted. */
export interface KeyedRow {
  id: string;
  key: string;
  active: boolean;
}

/** How one keyed table is brought in line with the file. */
export interface KeyedOperations<R extends KeyedRow, E extends { key: string }> {
  /** The columns `entry` should have; compared with the row, so an identical file writes nothing. */
  columns(entry: E): Record<string, unknown>;
  insert(entry: E): Promise<string>;
  /** Writes the entry's columns (and reactivates the row). */
  update(row: R, entry: E): Promise<void>;
  deactivate(rows: R[]): Promise<void>;
}

/** Upserts `entries` by key and deactivates active rows no longer in the file; returns key → id for the entries. */
export async function syncKeyed<R extends KeyedRow, E extends { key: string }>(
  rows: readonly R[],
  entries: readonly E[],
  ops: KeyedOperations<R, E>,
  counts: ChangeCounts,
): Promise<Map<string, string>> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const ids = new Map<string, string>();
  for (const entry of entries) {
    const row = byKey.get(entry.key);
    if (row === undefined) {
      ids.set(entry.key, await ops.insert(entry));
      counts.created++;
      continue;
    }
    ids.set(entry.key, row.id);
    if (row.active && hasColumns(row, ops.columns(entry))) continue;
    await ops.update(row, entry);
    if (row.active) counts.updated++;
    else counts.reactivated++;
  }
  const keys = new Set(entries.map((e) => e.key));
  const gone = rows.filter((r) => r.active && !keys.has(r.key));
  if (gone.length > 0) await ops.deactivate(gone);
  counts.deactivated += gone.length;
  return ids;
}

/** Whether `row` already holds every one of `columns` (arrays, JSON and dates compared by value). */
export function hasColumns(row: object, columns: Record<string, unknown>): boolean {
  const current = row as Record<string, unknown>;
  return Object.entries(columns).every(([name, value]) => isDeepStrictEqual(current[name], value));
}

/** Which links to delete and which to insert so that exactly `wanted` remain; unchanged links are not touched. */
export function planLinks<L>(existing: readonly L[], wanted: readonly L[], keyOf: (link: L) => string): { remove: L[]; add: L[] } {
  const have = new Set(existing.map(keyOf));
  const want = new Set(wanted.map(keyOf));
  return { remove: existing.filter((l) => !want.has(keyOf(l))), add: wanted.filter((l) => !have.has(keyOf(l))) };
}

/** Tables whose rows are deactivated by a flag alone (members also record when). */
export type FlagDeactivated = "organisations" | "city_units" | "groups" | "activities" | "channels";

/** Sets `active = false` on `rows` of `table`. */
export async function deactivateRows(trx: Db, table: FlagDeactivated, rows: readonly { id: string }[]): Promise<void> {
  await trx
    .updateTable(table)
    .set({ active: false })
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
}
