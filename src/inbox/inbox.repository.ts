import { sql, type Selectable } from "kysely";
import type { InboxTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import type { InboxEntry, InboxReceipt } from "./inbox.ts";

type InboxRow = Selectable<InboxTable>;

function toEntry(row: InboxRow): InboxEntry {
  return { id: row.id, key: row.key, platform: row.platform, payload: row.payload, receivedAt: row.received_at, attempts: row.attempts };
}

/**
 * Records a delivery in one statement, already claimed by the caller when `claim` (it handles the row at once, so
 * no second statement claims it); a key seen before is not recorded again (`fresh` false).
 */
export async function recordInbox(
  db: Db,
  row: { key: string; platform: "slack" | "teams"; payload: Record<string, unknown> },
  now: Date,
  claim: boolean,
): Promise<InboxReceipt> {
  const inserted = await db
    .insertInto("inbox")
    .values({
      key: row.key,
      platform: row.platform,
      payload: JSON.stringify(row.payload),
      received_at: now,
      ...(claim ? { status: "processing" as const, claimed_at: now, attempts: 1 } : {}),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning(["id", "received_at", "attempts"])
    .executeTakeFirst();
  if (inserted !== undefined) {
    const entry = {
      id: inserted.id,
      key: row.key,
      platform: row.platform,
      payload: row.payload,
      receivedAt: inserted.received_at,
      attempts: inserted.attempts,
    };
    return { id: inserted.id, fresh: true, ...(claim ? { claimed: entry } : {}) };
  }
  const existing = await db.selectFrom("inbox").select("id").where("key", "=", row.key).executeTakeFirstOrThrow();
  return { id: existing.id, fresh: false };
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

/** Finishes a claimed row. */
export async function finishInboxRow(db: Db, id: string, status: "done" | "failed" | "expired", now: Date, error?: string): Promise<void> {
  await db
    .updateTable("inbox")
    .set({ status, done_at: now, claimed_at: null, last_error: error ?? null })
    .where("id", "=", id)
    .where("status", "=", "processing")
    .execute();
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
