import type { Platform } from "../chat/chat-port.ts";

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
 * Handles a recorded delivery that is handled after its request has been answered (the process was busy, or it
 * restarted). `late` means it waited too long to act on: tell the person to send it again, do nothing else.
 */
export type InboxProcessor = (entry: InboxEntry, options: { late: boolean }) => Promise<void>;

/** What an adapter does with the inbox: record before the ack, then handle now when there is room. */
export interface Inbox {
  /** Records a delivery; throws when it cannot (then the adapter must not acknowledge). `fresh` is false for a duplicate. */
  record(key: string, platform: Platform, payload: Record<string, unknown>): Promise<{ id: string; fresh: boolean }>;
  /**
   * Handles the row now with `handle` when this process has a free slot and the row is still pending; otherwise
   * leaves it to the pump (`queued`), which handles it with the platform's registered processor.
   */
  handleNow<T>(id: string, handle: (entry: InboxEntry) => Promise<T>): Promise<{ status: "done"; result: T } | { status: "queued" }>;
  /** Registers the processor for rows of `platform` handled later. */
  register(platform: Platform, processor: InboxProcessor): void;
}
