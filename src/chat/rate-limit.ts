import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import type { PlatformUser } from "./chat-port.ts";
import type { InboundEvent, InboundHandler } from "./inbound.ts";
import { textMessage } from "./message.ts";
import { localeOfUser } from "./member-locale.ts";
import { rateLimitMessages } from "./rate-limit.messages.ts";
import { createReply } from "./reply.ts";

/** How much one person may ask of the bot: a burst, then a steady pace (a person typing answers never meets it). */
export interface RateLimit {
  burst: number;
  /** One more request is allowed every this many milliseconds. */
  refillMs: number;
}

/** 30 at once, then one a second: far above a person answering questions, far below a script. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 30, refillMs: 1_000 };
/** A person refused again within this long is not told again (a flood gets one answer, not one per message). */
const TOLD_WITHIN_MS = 60_000;
/** People idle this long are forgotten, so memory stays bounded by who is active. */
const FORGET_AFTER_MS = 10 * 60_000;

interface Bucket {
  tokens: number;
  at: number;
  toldAt: number;
}

/** The events a person sends on purpose and can repeat in a loop: commands, messages and form submissions. */
const limited = (event: InboundEvent): event is Extract<InboundEvent, { type: "command" | "message" | "form" }> =>
  event.type === "command" || event.type === "message" || event.type === "form";

/**
 * Limits each person (platform and user id) to `limit`: past it, a command or message gets one friendly answer in
 * their language and a form submission is refused with it, and neither reaches the features. In memory, per process:
 * it protects this process's database and platform quota, and several web processes each allow the limit.
 */
export function withRateLimit(
  handler: InboundHandler,
  deps: { db: Db; clock: Clock; logger: Logger; defaultLocale: Locale; limit?: RateLimit },
): InboundHandler {
  const limit = deps.limit ?? DEFAULT_RATE_LIMIT;
  const buckets = new Map<string, Bucket>();
  let sweptAt = 0;

  function take(user: PlatformUser, now: number): { allowed: boolean; tell: boolean } {
    if (now - sweptAt > FORGET_AFTER_MS) {
      for (const [key, b] of buckets) if (now - b.at > FORGET_AFTER_MS) buckets.delete(key);
      sweptAt = now;
    }
    const key = `${user.platform}:${user.userId}`;
    const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now, toldAt: -Infinity };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) / limit.refillMs);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, tell: false };
    }
    const tell = now - bucket.toldAt > TOLD_WITHIN_MS;
    if (tell) bucket.toldAt = now;
    return { allowed: false, tell };
  }

  return {
    async handle(event, port) {
      if (!limited(event)) return handler.handle(event, port);
      const { allowed, tell } = take(event.user, deps.clock.now().getTime());
      if (allowed) return handler.handle(event, port);
      deps.logger.warn({ platform: event.user.platform, event: event.type, told: tell }, "rate limit: request from one person refused");
      const locale = await localeOfUser(deps.db, event.user, deps.defaultLocale).catch(() => deps.defaultLocale);
      const text = createTranslator(rateLimitMessages, locale)("slowDown");
      if (event.type === "form") return { ok: false, errors: { "": text } };
      if (tell) await createReply(port, locale).whisper(textMessage(text));
    },
  };
}
