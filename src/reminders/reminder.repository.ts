import { sql, type Selectable, type Transaction, type Updateable } from "kysely";
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
 * Inserts the row with `spec.key`, or updates it under a row lock so concurrent schedules of one key serialise. One
 * statement both inserts a new key and, for an existing one, takes the lock and reads the row as it stands (the
 * conflict's no-op update); only an existing key that changes needs a second.
 */
export async function upsertReminder(db: Db, spec: ReminderSpec, now: Date, rearm: boolean): Promise<UpsertedReminder> {
  const upsert = async (trx: Transaction<Database>): Promise<UpsertedReminder> => {
    const { inserted, ...row } = await trx
      .insertInto("reminders")
      .values({
        key: spec.key,
        kind: spec.kind,
        partnership_id: spec.partnershipId ?? null,
        due_at: spec.dueAt,
        payload: JSON.stringify(spec.payload ?? {}),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("key").doUpdateSet({ key: (eb) => eb.ref("excluded.key") }))
      .returningAll()
      // A row this statement inserted has no locker yet; one it found is locked by this transaction.
      .returning(sql<boolean>`xmax = 0`.as("inserted"))
      .executeTakeFirstOrThrow();
    return inserted ? { record: toReminderRecord(row), armed: true, movedFrom: undefined } : updateExisting(trx, row, spec, now, rearm);
  };
  // Inside the caller's unit of work the lock lives as long as its transaction; alone, in a short one of its own.
  return db.isTransaction ? upsert(db as Transaction<Database>) : db.transaction().execute(upsert);
}

async function updateExisting(trx: Transaction<Database>, existing: ReminderRow, spec: ReminderSpec, now: Date, rearm: boolean): Promise<UpsertedReminder> {
  const moved = existing.due_at.getTime() !== spec.dueAt.getTime();
  const details = { kind: spec.kind, partnership_id: spec.partnershipId ?? null, payload: JSON.stringify(spec.payload ?? {}), updated_at: now };
  // A done reminder stays done unless asked; a running one keeps running when its time did not move.
  const keep = (existing.status === "done" && !rearm) || (existing.status === "processing" && !moved);
  if (keep) {
    const row = existing.status === "done" ? existing : await updateRow(trx, existing.id, details);
    return { record: toReminderRecord(row), armed: false, movedFrom: undefined };
  }
  const fresh = existing.status !== "pending" || moved;
  const row = await updateRow(trx, existing.id, {
    ...details,
    due_at: spec.dueAt,
    status: "pending",
    ...(fresh ? { attempts: 0, last_error: null, claimed_at: null, done_at: null } : {}),
  });
  return { record: toReminderRecord(row), armed: true, movedFrom: existing.status === "pending" && moved ? existing.due_at : undefined };
}

async function updateRow(trx: Transaction<Database>, id: string, values: Updateable<ReminderTable>): Promise<ReminderRow> {
  return trx.updateTable("reminders").set(values).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
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
