import { setTimeout as sleep } from "node:timers/promises";
import type { Platform } from "../chat/chat-port.ts";

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

/** Keeps this process's sends to one conversation inside the platform's limit; the platform's 429 covers the rest. */
export interface Pacer {
  /** Waits until one more message to `conversation` on `platform` fits the limit. */
  wait(platform: Platform, conversation: string): Promise<void>;
}

/** Creates a pacer; buckets of quiet conversations are forgotten so memory stays bounded. */
export function createPacer(now: () => number = Date.now): Pacer {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const take = (platform: Platform, conversation: string): number => {
    const limit = LIMITS[platform];
    const key = `${platform}:${conversation}`;
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond);
    bucket.at = t;
    bucket.tokens -= 1;
    buckets.set(key, bucket);
    if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.tokens >= limit.burst - 1) buckets.delete(k);
    return bucket.tokens >= 0 ? 0 : (-bucket.tokens / limit.perSecond) * 1000;
  };
  return {
    async wait(platform, conversation) {
      const ms = take(platform, conversation);
      if (ms > 0) await sleep(ms);
    },
  };
}
