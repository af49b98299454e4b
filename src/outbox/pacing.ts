import { setTimeout as sleep } from "node:timers/promises";
import type { Platform } from "../chat/index.ts";

/** A platform's per-conversation limit as a token bucket: a short burst, then a steady rate. */
interface Limit {
  burst: number;
  perSecond: number;
}

// Slack: about one message a second per channel, with short bursts allowed. Teams: 7 a second and 60 in 30 s per
// conversation, so 2 a second sustained.
const LIMITS: Record<Platform, Limit> = {
  slack: { burst: 3, perSecond: 1 },
  teams: { burst: 7, perSecond: 2 },
};

/**
 * The longest a send waits for its slot while holding a worker. A slot further away is reserved and the row given back
 * until then, so messages to a busy conversation never hold the workers that other conversations' messages need.
 */
export const MAX_HOLD_MS = 250;

/** A reservation nobody came back for (the row went to another process, or was cancelled) is dropped after this. */
const RESERVATION_MEMORY_MS = 10 * 60_000;

/** Thrown when the message's slot is more than a short moment away: it is reserved, `ms` from now. */
export class Paced extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super(`the conversation is busy; this message's slot is reserved ${Math.ceil(ms)} ms from now`);
    this.ms = ms;
  }
}

/** Keeps this process's sends to one conversation inside the platform's limit; the platform's 429 covers the rest. */
export interface Pacer {
  /**
   * Takes the slot for one message to `conversation` on `platform`, sent for `ticket` (the outbox row). A slot a short
   * moment away is waited for; one further away is reserved for the ticket and `Paced` is thrown, and when the
   * ticket comes back it redeems that slot instead of taking another one.
   */
  pace(platform: Platform, conversation: string, ticket: string): Promise<void>;
}

/** Creates a pacer; buckets of quiet conversations and unclaimed reservations are forgotten so memory stays bounded. */
export function createPacer(now: () => number = Date.now): Pacer {
  const buckets = new Map<string, { tokens: number; at: number; limit: Limit }>();
  const reservations = new Map<string, number>();

  // The ms until the next slot, which is taken (a negative balance is a queue of slots handed out).
  const take = (platform: Platform, key: string, t: number): number => {
    const limit = LIMITS[platform];
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t, limit };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
    bucket.at = t;
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.tokens >= b.limit.burst - 1) buckets.delete(k);
    return bucket.tokens >= 0 ? 0 : (-bucket.tokens / limit.perSecond) * 1000;
  };

  return {
    async pace(platform, conversation, ticket) {
      const key = `${platform}:${conversation}`;
      const reservation = `${key}:${ticket}`;
      const t = now();
      const reserved = reservations.get(reservation);
      reservations.delete(reservation);
      const ms = reserved === undefined ? take(platform, key, t) : Math.max(0, reserved - t);
      if (ms <= MAX_HOLD_MS) {
        if (ms > 0) await sleep(ms);
        return;
      }
      reservations.set(reservation, t + ms);
      if (reservations.size > 10_000) for (const [k, at] of reservations) if (at < t - RESERVATION_MEMORY_MS) reservations.delete(k);
      throw new Paced(ms);
    },
  };
}
