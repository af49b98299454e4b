/**
 * The platforms' per-conversation posting limits, as the bench fakes enforce them, and the least time they allow
 * for a number of messages (an ideal sender that never draws a 429).
 *
 * - Slack: about one message per second per channel, with short bursts allowed (a token bucket: BURST at once, then
 *   one a second). https://api.slack.com/methods/chat.postMessage#rate_limiting
 * - Teams: per bot and conversation, 7 messages a second and 60 in 30 seconds (sliding windows).
 *   https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */

/** A limit on one conversation. */
export type LimitSpec = { kind: "bucket"; burst: number; perSecond: number } | { kind: "windows"; windows: { count: number; ms: number }[] };

export const SLACK_CHANNEL_LIMIT: LimitSpec = { kind: "bucket", burst: 3, perSecond: 1 };
export const TEAMS_CONVERSATION_LIMIT: LimitSpec = { kind: "windows", windows: [{ count: 7, ms: 1000 }, { count: 60, ms: 30_000 }] };

/** One conversation's limiter: take a slot now, or learn how long to wait. */
export interface Limiter {
  take(now: number): { ok: true } | { ok: false; retryAfterMs: number };
}

export function createLimiter(spec: LimitSpec): Limiter {
  if (spec.kind === "bucket") {
    let tokens = spec.burst;
    let at = 0;
    return {
      take(now) {
        tokens = Math.min(spec.burst, tokens + ((now - at) / 1000) * spec.perSecond);
        at = now;
        if (tokens >= 1) {
          tokens -= 1;
          return { ok: true };
        }
        return { ok: false, retryAfterMs: Math.ceil(((1 - tokens) / spec.perSecond) * 1000) };
      },
    };
  }
  const sent: number[] = [];
  const longest = Math.max(...spec.windows.map((w) => w.ms));
  return {
    take(now) {
      while (sent.length > 0 && sent[0]! <= now - longest) sent.shift();
      let wait = 0;
      for (const w of spec.windows) {
        const inWindow = sent.filter((t) => t > now - w.ms);
        if (inWindow.length >= w.count) wait = Math.max(wait, inWindow[inWindow.length - w.count]! + w.ms - now);
      }
      if (wait > 0) return { ok: false, retryAfterMs: Math.ceil(wait) };
      sent.push(now);
      return { ok: true };
    },
  };
}

/** The least time, in ms from the first, by which `count` messages to one conversation can all be accepted. */
export function minimumSpanMs(spec: LimitSpec, count: number): number {
  const limiter = createLimiter(spec);
  let now = 0;
  for (let i = 0; i < count; i++) {
    for (;;) {
      const taken = limiter.take(now);
      if (taken.ok) break;
      now += taken.retryAfterMs;
    }
  }
  return now;
}
