import { sql, type Selectable, type Transaction } from "kysely";
import type { Database, Db } from "../db/database.ts";
import { lockedInIdOrder, matchRows, type RowAtTime } from "../db/job-rows.ts";
import type { ReminderTable } from "../db/core-tables.ts";
import type { ReminderJobRef, ReminderRecord, ReminderSpec } from "./reminder.ts";

type ReminderRow = Selectable<ReminderTable>;

/** The outcome of an upsert: the row as it now stands, whether it needs a job, and the due time it moved from. */
export interface UpsertedReminder {
  record: ReminderRecord;
  armed: boolean;
  movedFrom: Date | undefined;
}

/** Maps a `reminders` row to the record handlers see. */
function toReminderRecord(row: ReminderRow): ReminderRecord {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    partnershipId: row.partnership_id,
    dueAt: row.due_at,
    payload: row.payload,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/**
 * Inserts the rows of `specs`, or updates each existing key under a row lock so concurrent schedules of one key
 * serialise; answers each spec in order. One statement both inserts the new keys and, for existing ones, takes the
 * lock and reads the row as it stands (the conflict's no-op update); only existing keys that change need a second,
 * one for all of them. A key given twice is written in order, its second spec in a statement after the first's.
 */
export async function upsertReminders(db: Db, specs: readonly ReminderSpec[], now: Date, rearm: boolean): Promise<UpsertedReminder[]> {
  const upsert = async (trx: Transaction<Database>): Promise<UpsertedReminder[]> => {
    const results: UpsertedReminder[] = [];
    for (const round of distinctKeyRuns(specs)) results.push(...(await upsertDistinct(trx, round, now, rearm)));
    return results;
  };
  if (specs.length === 0) return [];
  // Inside the caller's unit of work the locks live as long as its transaction; alone, in a short one of its own.
  return db.isTransaction ? upsert(db as Transaction<Database>) : db.transaction().execute(upsert);
}

/** Splits specs into consecutive runs with no key twice, so one INSERT … ON CONFLICT never meets a key twice. */
function distinctKeyRuns(specs: readonly ReminderSpec[]): ReminderSpec[][] {
  const runs: ReminderSpec[][] = [];
  let keys = new Set<string>();
  for (const spec of specs) {
    if (runs.length === 0 || keys.has(spec.key)) {
      runs.push([]);
      keys = new Set();
    }
    runs.at(-1)!.push(spec);
    keys.add(spec.key);
  }
  return runs;
}

async function upsertDistinct(trx: Transaction<Database>, specs: readonly ReminderSpec[], now: Date, rearm: boolean): Promise<UpsertedReminder[]> {
  const rows = await trx
    .insertInto("reminders")
    .values(
      // In key order, so two schedules of overlapping keys lock them in the same order and queue instead of deadlocking.
      [...specs]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .map((spec) => ({
          key: spec.key,
          kind: spec.kind,
          partnership_id: spec.partnershipId ?? null,
          due_at: spec.dueAt,
          payload: JSON.stringify(spec.payload ?? {}),
          created_at: now,
          updated_at: now,
        })),
    )
    .onConflict((oc) => oc.column("key").doUpdateSet({ key: (eb) => eb.ref("excluded.key") }))
    .returningAll()
    // A row this statement inserted has no locker yet; one it found is locked by this transaction.
    .returning(sql<boolean>`xmax = 0`.as("inserted"))
    .execute();
  const byKey = new Map(rows.map(({ inserted, ...row }) => [row.key, { inserted, row }]));
  const planned = specs.map((spec) => {
    const { inserted, row } = byKey.get(spec.key)!;
    return inserted ? { update: undefined, result: { record: toReminderRecord(row), armed: true, movedFrom: undefined } } : planExisting(row, spec, now, rearm);
  });
  const updates = planned.flatMap((p) => (p.update === undefined ? [] : [p.update]));
  const updated = new Map((await updateRows(trx, updates, now)).map((row) => [row.id, toReminderRecord(row)]));
  return planned.map(({ result }) => ({ ...result, record: updated.get(result.record.id) ?? result.record }));
}

/** What an existing row becomes: every column a schedule may change, as it will stand. */
type RowUpdate = Pick<ReminderRow, "id" | "kind" | "partnership_id" | "payload" | "due_at" | "status" | "attempts" | "last_error" | "claimed_at" | "done_at">;

function planExisting(existing: ReminderRow, spec: ReminderSpec, now: Date, rearm: boolean): { update: RowUpdate | undefined; result: UpsertedReminder } {
  const moved = existing.due_at.getTime() !== spec.dueAt.getTime();
  const details = { ...existing, kind: spec.kind, partnership_id: spec.partnershipId ?? null, payload: spec.payload ?? {}, updated_at: now };
  // A done reminder stays done unless asked; a running one keeps running when its time did not move.
  if (existing.status === "done" && !rearm) return { update: undefined, result: { record: toReminderRecord(existing), armed: false, movedFrom: undefined } };
  if (existing.status === "processing" && !moved) return { update: details, result: { record: toReminderRecord(details), armed: false, movedFrom: undefined } };
  const fresh = existing.status !== "pending" || moved;
  const row = {
    ...details,
    due_at: spec.dueAt,
    status: "pending" as const,
    ...(fresh ? { attempts: 0, last_error: null, claimed_at: null, done_at: null } : {}),
  };
  return {
    update: row,
    result: { record: toReminderRecord(row), armed: true, movedFrom: existing.status === "pending" && moved ? existing.due_at : undefined },
  };
}

/** Writes the planned rows in one statement; returns them as stored. */
async function updateRows(trx: Transaction<Database>, rows: readonly RowUpdate[], now: Date): Promise<ReminderRow[]> {
  if (rows.length === 0) return [];
  const column = <T>(pick: (r: RowUpdate) => T) => rows.map(pick);
  const result = await sql<ReminderRow>`update reminders
    set kind = u.kind, partnership_id = u.partnership_id, payload = u.payload, due_at = u.due_at, status = u.status,
      attempts = u.attempts, last_error = u.last_error, claimed_at = u.claimed_at, done_at = u.done_at, updated_at = ${now}
    from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.kind)}::text[], ${column((r) => r.partnership_id)}::text[],
      ${column((r) => JSON.stringify(r.payload))}::jsonb[], ${column((r) => r.due_at)}::timestamptz[], ${column((r) => r.status)}::text[],
      ${column((r) => r.attempts)}::int[], ${column((r) => r.last_error)}::text[], ${column((r) => r.claimed_at)}::timestamptz[],
      ${column((r) => r.done_at)}::timestamptz[]) as u(id, kind, partnership_id, payload, due_at, status, attempts, last_error, claimed_at, done_at)
    where reminders.id = u.id
    returning reminders.*`.execute(trx);
  return result.rows;
}

/** Cancels the open (pending or running) reminders whose key is `key`, or starts with it when `byPrefix`. */
export async function cancelReminders(db: Db, key: string, byPrefix: boolean, now: Date): Promise<ReminderJobRef[]> {
  const rows = await db
    .updateTable("reminders")
    .set({ status: "cancelled", updated_at: now })
    .where(byPrefix ? sql<boolean>`starts_with(key, ${key})` : sql<boolean>`key = ${key}`)
    .where("status", "in", ["pending", "processing"])
    .returning(["id", "due_at"])
    .execute();
  return rows.map((r) => ({ reminderId: r.id, dueAt: r.due_at }));
}

const rowsOf = (jobs: readonly ReminderJobRef[]): RowAtTime[] => jobs.map((j) => ({ id: j.reminderId, dueAt: j.dueAt }));

/**
 * Claims the reminders of these jobs in one statement: only a pending row still due at its job's time is claimed,
 * and only once.
 */
export async function claimReminders(db: Db, jobs: readonly ReminderJobRef[], now: Date): Promise<(ReminderRecord | undefined)[]> {
  const rows = await db
    .updateTable("reminders")
    .set((eb) => ({ status: "processing", claimed_at: now, updated_at: now, attempts: eb("attempts", "+", 1) }))
    .where(lockedInIdOrder("reminders", rowsOf(jobs), "pending"))
    .where("status", "=", "pending")
    .returningAll()
    .execute();
  return matchRows(rowsOf(jobs), rows, toReminderRecord);
}

/** How a claim that did not succeed ended: back to pending for a retry, or given up (failed, with the error kept). */
export type ClaimFailure = { status: "retry"; error: string } | { status: "given_up"; error: string };

/** Settles a claim that did not succeed; a no-op when the row was moved or cancelled while it ran (the newer state wins). */
export async function settleClaim(db: Db, job: ReminderJobRef, outcome: ClaimFailure, now: Date): Promise<void> {
  await db
    .updateTable("reminders")
    .set({ status: outcome.status === "retry" ? "pending" : "failed", last_error: outcome.error, claimed_at: null, updated_at: now })
    .where("id", "=", job.reminderId)
    .where("status", "=", "processing")
    .where("due_at", "=", job.dueAt)
    .execute();
}

/** Settles the claims of these jobs as done in one statement (each a no-op when its row was moved or cancelled meanwhile). */
export async function settleDone(db: Db, jobs: readonly ReminderJobRef[], now: Date): Promise<void> {
  await db
    .updateTable("reminders")
    .set({ status: "done", done_at: now, last_error: null, claimed_at: null, updated_at: now })
    .where(lockedInIdOrder("reminders", rowsOf(jobs), "processing"))
    .where("status", "=", "processing")
    .execute();
}

/** Returns claims older than `claimedBefore` (a worker died mid-handler) to pending; returns how many. */
export async function releaseStaleClaims(db: Db, claimedBefore: Date, now: Date): Promise<number> {
  const result = await db
    .updateTable("reminders")
    .set({ status: "pending", claimed_at: null, updated_at: now, last_error: "released: the worker stopped while running it" })
    .where("status", "=", "processing")
    .where("claimed_at", "<", claimedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Pending reminders due before `until`, in due order, one page after the `after` cursor. */
export async function findPendingReminders(db: Db, until: Date, limit: number, after?: ReminderJobRef): Promise<ReminderJobRef[]> {
  let query = db.selectFrom("reminders").select(["id", "due_at"]).where("status", "=", "pending").where("due_at", "<=", until);
  if (after !== undefined) {
    query = query.where((eb) => eb.or([eb("due_at", ">", after.dueAt), eb.and([eb("due_at", "=", after.dueAt), eb("id", ">", after.reminderId)])]));
  }
  const rows = await query.orderBy("due_at").orderBy("id").limit(limit).execute();
  return rows.map((r) => ({ reminderId: r.id, dueAt: r.due_at }));
}
