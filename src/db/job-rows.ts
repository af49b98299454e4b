import { sql, type RawBuilder } from "kysely";

/** A job's row: its id and the due time the job was queued for. */
export interface RowAtTime {
  id: string;
  dueAt: Date;
}

/** `(id, due_at)` is one of `rows`: one condition whatever their number, for claiming or settling many jobs' rows at once. */
function isOneOf(rows: readonly RowAtTime[]): RawBuilder<boolean> {
  return sql<boolean>`(id, due_at) in (select * from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.dueAt)}::timestamptz[]))`;
}

/**
 * The rows of `table` that are `rows` and in `status`, locked in id order: two statements over overlapping rows (two
 * batches, a cancel by prefix) then queue behind each other instead of deadlocking. For an update's WHERE, with the
 * same status there too, so a row changed while the lock was awaited is checked again.
 */
export function lockedInIdOrder(table: "reminders" | "outbox", rows: readonly RowAtTime[], status: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${table}.id`)} in (select id from ${sql.table(table)} where ${isOneOf(rows)} and status = ${status} order by id for update)`;
}

/** Answers each of `wanted` with the row returned for it; one asked for twice gets the row once, the repeat nothing. */
export function matchRows<R extends { id: string; due_at: Date }, T>(wanted: readonly RowAtTime[], rows: readonly R[], to: (row: R) => T): (T | undefined)[] {
  const byKey = new Map(rows.map((r) => [`${r.id}@${r.due_at.getTime()}`, r]));
  return wanted.map((w) => {
    const key = `${w.id}@${w.dueAt.getTime()}`;
    const row = byKey.get(key);
    byKey.delete(key);
    return row === undefined ? undefined : to(row);
  });
}
