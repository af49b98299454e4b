import { sql, type Selectable } from "kysely";
import type { MessageRef, Platform } from "../chat/index.ts";
import type { OutboxTable } from "../db/core-tables.ts";
import type { Db } from "../db/database.ts";
import { lockedInIdOrder, matchRows, type RowAtTime } from "../db/job-rows.ts";
import type { Locale } from "../shared/i18n.ts";
import type { OutboxContent, OutboxJobRef, OutboxRecord } from "./outbox.ts";

type OutboxRow = Selectable<OutboxTable>;

/** A row to record; `key` decides identity, so recording the same message twice records it once. */
export interface NewOutboxRow {
  key: string;
  partnershipId: string | null;
  kind: "message" | "file";
  memberId?: string;
  platform?: "slack" | "teams";
  conversation?: string;
  card?: string;
  content: OutboxContent;
  fileContent?: Buffer;
  locale: string;
  timeZone: string;
  dueAt: Date;
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    key: row.key,
    partnershipId: row.partnership_id,
    kind: row.kind,
    memberId: row.member_id,
    platform: row.platform,
    conversation: row.conversation,
    card: row.card,
    content: row.content as unknown as OutboxContent,
    fileContent: row.file_content,
    audience: { locale: row.locale as Locale, timeZone: row.time_zone },
    dueAt: row.due_at,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
}

/** Records rows; a key already recorded is left as it is. Returns the job refs of the rows this call created. */
export async function insertOutboxRows(db: Db, rows: readonly NewOutboxRow[], now: Date): Promise<OutboxJobRef[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto("outbox")
    .values(
      rows.map((r) => ({
        key: r.key,
        partnership_id: r.partnershipId,
        kind: r.kind,
        member_id: r.memberId ?? null,
        platform: r.platform ?? null,
        conversation: r.conversation ?? null,
        card: r.card ?? null,
        content: JSON.stringify(r.content),
        file_content: r.fileContent ?? null,
        locale: r.locale,
        time_zone: r.timeZone,
        due_at: r.dueAt,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .returning(["id", "due_at"])
    .execute();
  return inserted.map((r) => ({ outboxId: r.id, dueAt: r.due_at }));
}

/** When a card's refresh goes: once changes have been quiet for `quietMs`, and at most `latestMs` after the first. */
export interface RefreshTiming {
  quietMs: number;
  latestMs: number;
}

/**
 * Asks for one refresh of every copy of `card`. A refresh still waiting (never tried) is moved to `quietMs` from now,
 * but never past `latestMs` after it was asked for, so a burst of changes (twenty shelters answering at once) is
 * one refresh that goes as soon as the burst is over; a finished or running one is armed again, so the newest rows
 * get rendered, but not sooner than `latestMs` after the last one went (about one update a second per conversation,
 * as the platforms allow); one waiting for a retry keeps its time.
 */
export async function requestRefresh(db: Db, card: string, partnershipId: string | null, now: Date, timing: RefreshTiming): Promise<OutboxJobRef | undefined> {
  const dueAt = new Date(now.getTime() + timing.quietMs);
  const row = await db
    .insertInto("outbox")
    .values({
      key: `refresh:${card}`,
      partnership_id: partnershipId,
      kind: "refresh",
      card,
      content: JSON.stringify({ since: now.toISOString() }),
      locale: "sv",
      time_zone: "UTC",
      due_at: dueAt,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({
          status: "pending",
          due_at: sql<Date>`case when outbox.status = 'pending'
            then least(greatest(outbox.due_at, ${dueAt}), (outbox.content->>'since')::timestamptz + make_interval(secs => ${timing.latestMs / 1000}))
            else greatest(${dueAt}, outbox.due_at + make_interval(secs => ${timing.latestMs / 1000})) end`,
          content: sql<string>`case when outbox.status = 'pending' then outbox.content else excluded.content end`,
          attempts: 0,
          last_error: null,
          claimed_at: null,
          updated_at: now,
        })
        .where((eb) => eb.or([eb("outbox.status", "!=", "pending"), eb("outbox.attempts", "=", 0)])),
    )
    .returning(["id", "due_at"])
    .executeTakeFirst();
  return row === undefined ? undefined : { outboxId: row.id, dueAt: row.due_at };
}

/** A claimed row with the member's identities (none for a channel post), first the one they read. */
export type ClaimedOutbox = OutboxRecord & { identities: { platform: Platform; platformUserId: string }[] };

const rowsOf = (jobs: readonly OutboxJobRef[]): RowAtTime[] => jobs.map((j) => ({ id: j.outboxId, dueAt: j.dueAt }));

/**
 * Claims the rows of these jobs in one statement: only a pending row still due at its job's time is claimed, and
 * only once. A direct message's recipient identities come with it (an inactive member has none).
 */
export async function claimOutbox(db: Db, jobs: readonly OutboxJobRef[], now: Date): Promise<(ClaimedOutbox | undefined)[]> {
  const rows = await db
    .updateTable("outbox")
    .set((eb) => ({ status: "processing", claimed_at: now, updated_at: now, attempts: eb("attempts", "+", 1) }))
    .where(lockedInIdOrder("outbox", rowsOf(jobs), "pending"))
    .where("status", "=", "pending")
    .returningAll()
    .returning(
      sql<
        ClaimedOutbox["identities"]
      >`(select coalesce(jsonb_agg(jsonb_build_object('platform', i.platform, 'platformUserId', i.platform_user_id) order by i.position), '[]')
        from member_identities i join members m on m.id = i.member_id where i.member_id = outbox.member_id and m.active)`.as("identities"),
    )
    .execute();
  return matchRows(rowsOf(jobs), rows, (row) => ({ ...toRecord(row), identities: row.identities }));
}

/** Where a message landed: no ref for files and refreshes. */
export interface SentTo {
  messageRef: MessageRef | null;
  platform: Platform | null;
  conversation: string | null;
}

/** Where each message landed, in one statement; written the moment the platform accepted it, so a repeated job never sends it again. */
export async function markSent(db: Db, sent: readonly (OutboxJobRef & SentTo)[], now: Date): Promise<void> {
  const column = <T>(pick: (s: OutboxJobRef & SentTo) => T) => sent.map(pick);
  await sql`update outbox
    set status = 'sent', message_ref = sent.ref, sent_platform = sent.platform, sent_conversation = sent.conversation, sent_at = ${now},
      claimed_at = null, last_error = null, updated_at = ${now}
    from unnest(${column((s) => s.outboxId)}::uuid[], ${column((s) => s.messageRef)}::text[], ${column((s) => s.platform)}::text[],
      ${column((s) => s.conversation)}::text[]) as sent(id, ref, platform, conversation)
    where outbox.id = sent.id and outbox.status = 'processing' and ${lockedInIdOrder("outbox", rowsOf(sent), "processing")}`.execute(db);
}

/**
 * Settles a claim that did not send: back to pending at `retryAt`, deferred to `until` (the conversation's next slot;
 * not counted as an attempt), failed, cancelled (nothing to send), or waiting until the app is added to the conversation.
 */
export async function settleUnsent(
  db: Db,
  job: OutboxJobRef,
  outcome:
    { status: "pending"; retryAt: Date; error: string } | { status: "deferred"; until: Date } | { status: "failed" | "cancelled" | "waiting"; error: string },
  now: Date,
): Promise<OutboxJobRef | undefined> {
  const row = await db
    .updateTable("outbox")
    .set((eb) => ({
      claimed_at: null,
      updated_at: now,
      ...(outcome.status === "deferred"
        ? { status: "pending" as const, due_at: outcome.until, attempts: eb("attempts", "-", 1) }
        : { status: outcome.status, last_error: outcome.error, ...(outcome.status === "pending" ? { due_at: outcome.retryAt } : {}) }),
    }))
    .where("id", "=", job.outboxId)
    .where("status", "=", "processing")
    .where("due_at", "=", job.dueAt)
    .returning(["id", "due_at"])
    .executeTakeFirst();
  return row === undefined ? undefined : { outboxId: row.id, dueAt: row.due_at };
}

/** Puts the rows waiting for the app in a conversation back to pending, due now; returns their job refs. */
export async function releaseWaitingOutbox(db: Db, platform: "slack" | "teams", conversation: string, now: Date): Promise<OutboxJobRef[]> {
  const rows = await db
    .updateTable("outbox")
    .set({ status: "pending", due_at: now, attempts: 0, last_error: null, updated_at: now })
    .where("status", "=", "waiting")
    .where("platform", "=", platform)
    .where("conversation", "=", conversation)
    .returning(["id", "due_at"])
    .execute();
  return rows.map((r) => ({ outboxId: r.id, dueAt: r.due_at }));
}

/** Whether another row already waits for the app in the conversation (so whoever is told was told). */
export async function othersWaiting(db: Db, row: { id: string; platform: "slack" | "teams"; conversation: string }): Promise<boolean> {
  const found = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "waiting")
    .where("platform", "=", row.platform)
    .where("conversation", "=", row.conversation)
    .where("id", "!=", row.id)
    .executeTakeFirst();
  return found !== undefined;
}

/** The sent copies of a card, with where they landed, for an in-place refresh. */
export async function findCardCopies(db: Db, card: string): Promise<(OutboxRecord & { messageRef: string; sentPlatform: "slack" | "teams" })[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("card", "=", card)
    .where("kind", "=", "message")
    .where("status", "=", "sent")
    .where("message_ref", "is not", null)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ ...toRecord(r), messageRef: r.message_ref!, sentPlatform: r.sent_platform! }));
}

/** How many copies of a card are being sent right now (claimed by a worker, not yet landed). */
export async function countCopiesInFlight(db: Db, card: string): Promise<number> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("card", "=", card)
    .where("kind", "=", "message")
    .where("status", "=", "processing")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Returns claims older than `claimedBefore` (a worker died mid-send) to pending; returns how many. */
export async function releaseStaleOutboxClaims(db: Db, claimedBefore: Date, now: Date): Promise<number> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "pending", claimed_at: null, updated_at: now, last_error: "released: the worker stopped while sending it" })
    .where("status", "=", "processing")
    .where("claimed_at", "<", claimedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Pending rows due before `until`, in due order, one page after the `after` cursor. */
export async function findPendingOutbox(db: Db, until: Date, limit: number, after?: OutboxJobRef): Promise<OutboxJobRef[]> {
  let query = db.selectFrom("outbox").select(["id", "due_at"]).where("status", "=", "pending").where("due_at", "<=", until);
  if (after !== undefined) {
    query = query.where((eb) => eb.or([eb("due_at", ">", after.dueAt), eb.and([eb("due_at", "=", after.dueAt), eb("id", ">", after.outboxId)])]));
  }
  const rows = await query.orderBy("due_at").orderBy("id").limit(limit).execute();
  return rows.map((r) => ({ outboxId: r.id, dueAt: r.due_at }));
}

/** Failed rows of a partnership (other than failure notices themselves) that failed within [from, to). */
export async function findFailuresBetween(
  db: Db,
  partnershipId: string,
  from: Date,
  to: Date,
): Promise<{ key: string; memberName: string | null; conversation: string | null; content: OutboxContent; error: string | null }[]> {
  const rows = await db
    .selectFrom("outbox as o")
    .leftJoin("members as m", "m.id", "o.member_id")
    .select(["o.key", "m.display_name", "o.conversation", "o.content", "o.last_error"])
    .where("o.partnership_id", "=", partnershipId)
    .where("o.status", "=", "failed")
    .where("o.updated_at", ">=", from)
    .where("o.updated_at", "<", to)
    .where(sql<boolean>`not starts_with(o.key, ${FAILURE_NOTICE_PREFIX})`)
    .orderBy("o.updated_at")
    .execute();
  return rows.map((r) => ({
    key: r.key,
    memberName: r.display_name,
    conversation: r.conversation,
    content: r.content as unknown as OutboxContent,
    error: r.last_error,
  }));
}

/** Keys of the notices that tell samordning a message could not be delivered; their own failure is only logged. */
export const FAILURE_NOTICE_PREFIX = "outbox-failed:";
