import { sql, type Selectable } from "kysely";
import type { InboxTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import type { InboxEntry, InboxReceipt } from "./inbox.ts";

type InboxRow = Selectable<InboxTable>;

function toEntry(row: InboxRow): InboxEntry {
  return { id: row.id, key: row.key, platform: row.platform, payload: row.payload, receivedAt: row.received_at, attempts: row.attempts };
}

/** A delivery to record: claimed for the caller when `claim` (it handles the row at once). */
export interface NewInboxRow {
  key: string;
  platform: "slack" | "teams";
  payload: Record<string, unknown>;
  receivedAt: Date;
  claim: boolean;
}

/**
 * Records deliveries in one statement, each already claimed by its caller when `claim` (so no second statement
 * claims it); a key seen before, or earlier in the same batch, is not recorded again (`fresh` false). Answers the
 * rows in order.
 */
export async function recordInboxRows(db: Db, rows: readonly NewInboxRow[]): Promise<InboxReceipt[]> {
  const inserted = await db
    .insertInto("inbox")
    .values(
      rows.map((row) => ({
        key: row.key,
        platform: row.platform,
        payload: JSON.stringify(row.payload),
        received_at: row.receivedAt,
        // Every row names the same columns: a claimed one is taken by its caller, the others wait for the pump.
        status: row.claim ? ("processing" as const) : ("pending" as const),
        claimed_at: row.claim ? row.receivedAt : null,
        attempts: row.claim ? 1 : 0,
      })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .returning(["id", "key", "received_at", "attempts"])
    .execute();
  const fresh = new Map(inserted.map((r) => [r.key, r]));
  const missing = rows.filter((row) => !fresh.has(row.key)).map((row) => row.key);
  const existing =
    missing.length === 0
      ? new Map<string, string>()
      : new Map((await db.selectFrom("inbox").select(["id", "key"]).where("key", "in", missing).execute()).map((r) => [r.key, r.id]));
  return rows.map((row): InboxReceipt => {
    const mine = fresh.get(row.key);
    if (mine === undefined) {
      const id = existing.get(row.key);
      // Only the purge of rows days old deletes one; the platform's retry of this request records it anew.
      if (id === undefined) throw new Error(`the inbox row ${row.key} was neither recorded nor found`);
      return { id, fresh: false };
    }
    // A key twice in one batch: the first is the fresh one.
    fresh.delete(row.key);
    existing.set(row.key, mine.id);
    const entry = { id: mine.id, key: row.key, platform: row.platform, payload: row.payload, receivedAt: mine.received_at, attempts: mine.attempts };
    return { id: mine.id, fresh: true, ...(row.claim ? { claimed: entry } : {}) };
  });
}

/** Claims up to `limit` pending rows, oldest first, skipping rows others are claiming. */
export async function claimInboxBatch(db: Db, limit: number, now: Date): Promise<InboxEntry[]> {
  if (limit <= 0) return [];
  const rows = await db
    .updateTable("inbox")
    .set((eb) => ({ status: "processing", claimed_at: now, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", db.selectFrom("inbox").select("id").where("status", "=", "pending").orderBy("received_at").limit(limit).forUpdate().skipLocked())
    .returningAll()
    .execute();
  return rows.map(toEntry).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Gives claimed rows back to pending as they were (claimed, but never started). */
export async function releaseInboxClaims(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("inbox")
    .set((eb) => ({ status: "pending", claimed_at: null, attempts: eb("attempts", "-", 1) }))
    .where("id", "in", ids)
    .where("status", "=", "processing")
    .execute();
}

/** A claimed row's outcome. */
export interface FinishedInboxRow {
  id: string;
  status: "done" | "failed" | "expired";
  error?: string | undefined;
}

/** Finishes claimed rows: one statement for all that ended the same way (nearly always all of them, "done"). */
export async function finishInboxRows(db: Db, rows: readonly FinishedInboxRow[], now: Date): Promise<void> {
  const outcomes = Map.groupBy(rows, (row) => `${row.status}\u0000${row.error ?? ""}`);
  for (const same of outcomes.values()) {
    const { status, error } = same[0]!;
    await db
      .updateTable("inbox")
      .set({ status, done_at: now, claimed_at: null, last_error: error ?? null })
      .where(
        "id",
        "in",
        same.map((row) => row.id),
      )
      .where("status", "=", "processing")
      .execute();
  }
}

/** Returns rows whose handler died (claimed before `claimedBefore`) to pending; returns how many. */
export async function releaseStaleInboxClaims(db: Db, claimedBefore: Date): Promise<number> {
  const result = await db
    .updateTable("inbox")
    .set({ status: "pending", claimed_at: null, last_error: "released: the process stopped while handling it" })
    .where("status", "=", "processing")
    .where("claimed_at", "<", claimedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Forgets finished rows older than `before`: duplicates of them can no longer arrive. */
export async function purgeInbox(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom("inbox")
    .where("status", "in", ["done", "expired", "failed"])
    .where(sql<boolean>`coalesce(done_at, received_at) < ${before}`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
