import { setTimeout as sleep } from "node:timers/promises";
import type { Platform } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { toSamverkaError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { createMicroBatch } from "../shared/micro-batch.ts";
import { claimInboxBatch, finishInboxRows, recordInboxRows, releaseInboxClaims, type FinishedInboxRow, type NewInboxRow } from "./inbox.repository.ts";
import type { Inbox, InboxEntry, InboxProcessor, InboxReceipt } from "./inbox.ts";

/** A delivery older than this is not acted on after a restart: the person is asked to send it again. */
export const INBOX_TOO_OLD_MS = 15 * 60_000;
/** A row that has crashed its handler this often is given up (a poison message must not loop forever). */
const MAX_ATTEMPTS = 3;
const PUMP_INTERVAL_MS = 1_000;
const FINISH_ATTEMPTS = 4;

/** What the inbox needs. */
export interface InboxDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** How many deliveries this process handles at once; the rest wait as rows, not in memory. */
  concurrency: number;
}

/** The inbox plus its pump, which handles rows left pending (busy, or after a restart). */
export interface RunningInbox extends Inbox {
  /** Starts the pump: every process that has the chat adapters runs one; rows are claimed with SKIP LOCKED. */
  start(): void;
  /** Stops the pump and waits for the deliveries being handled. */
  stop(): Promise<void>;
}

/**
 * Records a batch in one statement; should it fail, each row is tried alone, so a row the database refuses (a payload
 * it cannot store) fails only its own request and not those it happened to be batched with.
 */
async function recordEach(db: Db, rows: readonly NewInboxRow[]): Promise<(InboxReceipt | { failed: unknown })[]> {
  try {
    return await recordInboxRows(db, rows);
  } catch (error) {
    if (rows.length === 1) throw error;
    const alone = await Promise.allSettled(rows.map(async (row) => (await recordInboxRows(db, [row]))[0]!));
    return alone.map((r) => (r.status === "fulfilled" ? r.value : { failed: r.reason as unknown }));
  }
}

/** Creates the inbox: rows first, then bounded work; nothing acknowledged is only in memory. */
export function createInbox(deps: InboxDeps): RunningInbox {
  const { db, clock } = deps;
  const logger = deps.logger.child({ component: "inbox" });
  const processors = new Map<Platform, InboxProcessor>();
  const running = new Set<Promise<void>>();
  // Slots promised to rows recorded claimed whose handling has not started yet.
  let reserved = 0;
  // Rows may be waiting that this process could take: a freed slot looks for one at once instead of at the next tick.
  let backlog = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | undefined;
  let stopped = true;
  // Requests whose delivery is being recorded, so not yet acknowledged.
  let acking = 0;
  // Acknowledging comes first: each request waiting for its ack takes a slot from handling, down to one (so handling
  // never stalls). A flood keeps many waiting and handling at one slot, while its rows wait for the gaps; people
  // answering at once, even a hundred, rarely keep more than a few waiting, and keep nearly all eight slots.
  const limit = (): number => Math.max(1, deps.concurrency - acking);
  const free = (): number => limit() - running.size - reserved;
  // Rows may be waiting and a slot has just come free: look for them at once instead of at the next tick.
  const wake = (): void => {
    if (!stopped && backlog && free() > 0) setImmediate(() => void pump());
  };
  // The deliveries of concurrent requests are recorded together: one round trip and one commit before all their acks.
  const recordBatched = createMicroBatch((rows: readonly NewInboxRow[]) => recordEach(db, rows));
  // So are the rows whose handling ended meanwhile: under load a finish costs a share of one statement, not one each.
  const finishBatched = createMicroBatch(async (rows: readonly FinishedInboxRow[]) => {
    await finishInboxRows(db, rows, clock.now());
    return rows.map(() => undefined);
  });

  const track = (work: Promise<void>): void => {
    running.add(work);
    void work.finally(() => {
      running.delete(work);
      wake();
    });
  };

  async function finish(entry: InboxEntry, status: "done" | "failed" | "expired", error?: string): Promise<void> {
    // A database blip (a failover, a killed connection) lasts seconds: try a few times before leaving it to the sweep.
    for (let attempt = 1; ; attempt++) {
      try {
        await finishBatched({ id: entry.id, status, error });
        return;
      } catch (e) {
        if (attempt < FINISH_ATTEMPTS) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        // The row stays claimed; the sweep returns it to pending and it is handled again (handlers are idempotent).
        logger.error({ err: toSamverkaError(e), key: entry.key }, "could not mark an inbox row finished; it may be handled again");
        return;
      }
    }
  }

  async function runStored(entry: InboxEntry): Promise<void> {
    const processor = processors.get(entry.platform);
    if (processor === undefined) {
      logger.warn({ key: entry.key, platform: entry.platform }, "no processor for this platform in this process; the row is left for one that has it");
      await db.updateTable("inbox").set({ status: "pending", claimed_at: null }).where("id", "=", entry.id).execute();
      return;
    }
    if (entry.attempts > MAX_ATTEMPTS) {
      logger.error({ key: entry.key, attempts: entry.attempts }, "an inbox row stopped its handler too often; it is given up");
      await finish(entry, "failed", "given up after repeated crashes");
      return;
    }
    const late = clock.now().getTime() - entry.receivedAt.getTime() > INBOX_TOO_OLD_MS;
    try {
      await processor(entry, { late });
      await finish(entry, late ? "expired" : "done");
    } catch (error) {
      const e = toSamverkaError(error);
      logger.error({ err: e, key: entry.key }, "a recorded delivery could not be handled");
      await finish(entry, "failed", `${e.code}: ${e.message}`);
    }
  }

  /** Claims pending rows for the free slots; records that claimed a slot meanwhile keep it, and the surplus goes back. */
  async function pump(): Promise<void> {
    if (pumping !== undefined || stopped || free() <= 0) return;
    const look = (async () => {
      // A row recorded unclaimed while the batch is read sets it again.
      backlog = false;
      const wanted = free();
      const batch = await claimInboxBatch(db, wanted, clock.now());
      // A full batch may have left more behind.
      if (batch.length === wanted) backlog = true;
      const room = Math.max(0, free());
      const taken = batch.slice(0, room);
      if (taken.length > 0) logger.debug({ rows: taken.length }, "handling recorded deliveries that were waiting");
      for (const entry of taken) track(runStored(entry));
      const surplus = batch.slice(room).map((e) => e.id);
      if (surplus.length > 0) {
        backlog = true;
        // Should this fail, the sweep releases them as the claims of a process that stopped.
        await releaseInboxClaims(db, surplus);
      }
    })();
    pumping = look;
    try {
      await look;
    } catch (error) {
      logger.warn({ err: toSamverkaError(error) }, "the inbox pump could not read the rows; it tries again shortly");
      return;
    } finally {
      pumping = undefined;
    }
    // Slots freed while the batch was read are not left idle until the next tick.
    wake();
  }

  return {
    async record(key, platform, payload, options) {
      // Claimed in the same insert when a slot is free: the row is ours to handle right after the ack. A request whose
      // answer is the handling's result may take any slot, however many requests wait for their ack.
      const claim = options?.answersWithResult === true ? deps.concurrency - running.size - reserved > 0 : free() > 0;
      if (claim) reserved++;
      acking++;
      let recorded: InboxReceipt | { failed: unknown };
      try {
        recorded = await recordBatched({ key, platform, payload, receivedAt: clock.now(), claim });
      } catch (error) {
        recorded = { failed: error };
      } finally {
        acking--;
      }
      if ("failed" in recorded) {
        if (claim) reserved--;
        wake();
        throw recorded.failed;
      }
      const receipt = recorded;
      if (claim && receipt.claimed === undefined) reserved--;
      if (receipt.fresh && receipt.claimed === undefined) backlog = true;
      wake();
      return receipt;
    },
    async handleNow(receipt, handle) {
      const entry = receipt.claimed;
      if (entry === undefined) return { status: "queued" };
      reserved--;
      let resolveSlot!: () => void;
      track(new Promise<void>((resolve) => (resolveSlot = resolve)));
      try {
        const result = await handle(entry);
        await finish(entry, "done");
        return { status: "done", result };
      } catch (error) {
        const e = toSamverkaError(error);
        await finish(entry, "failed", `${e.code}: ${e.message}`);
        throw error;
      } finally {
        resolveSlot();
      }
    },
    register(platform, processor) {
      processors.set(platform, processor);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void pump(), PUMP_INTERVAL_MS);
      timer.unref();
      void pump();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
      await Promise.allSettled([pumping, ...running]);
    },
  };
}
