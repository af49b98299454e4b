import type { Platform } from "../chat/index.ts";

/** One recorded platform delivery. The payload is the adapter's own: it alone reads it back. */
export interface InboxEntry {
  id: string;
  key: string;
  platform: Platform;
  payload: Record<string, unknown>;
  receivedAt: Date;
  attempts: number;
}

/**
 * A delivery as recorded: `fresh` is false for a key seen before (a retry or redelivery). `claimed` is the row when
 * it was recorded already claimed for this process, which had a free slot: pass the receipt to `handleNow`.
 */
export interface InboxReceipt {
  id: string;
  fresh: boolean;
  claimed?: InboxEntry;
}

/**
 * Handles a recorded delivery that is handled after its request has been answered (the process was busy, or it
 * restarted). `late` means it waited too long to act on: tell the person to send it again, do nothing else.
 */
export type InboxProcessor = (entry: InboxEntry, options: { late: boolean }) => Promise<void>;

/** What an adapter does with the inbox: record before the ack, then handle now when there is room. */
export interface Inbox {
  /**
   * Records a delivery in one insert, claimed for this process when it has a free slot; throws when it cannot (then
   * the adapter must not acknowledge). A fresh receipt must be given to `handleNow`, which frees the slot. Each request
   * still waiting for its ack takes a slot from handling (down to one), unless `answersWithResult` (it waits for it).
   */
  record(key: string, platform: Platform, payload: Record<string, unknown>, options?: { answersWithResult?: boolean }): Promise<InboxReceipt>;
  /**
   * Handles the row now with `handle` when it was recorded claimed; otherwise it waits as a row for the pump
   * (`queued`), which handles it with the platform's registered processor.
   */
  handleNow<T>(receipt: InboxReceipt, handle: (entry: InboxEntry) => Promise<T>): Promise<{ status: "done"; result: T } | { status: "queued" }>;
  /** Registers the processor for rows of `platform` handled later. */
  register(platform: Platform, processor: InboxProcessor): void;
}
