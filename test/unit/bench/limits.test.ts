import { describe, expect, it } from "vitest";
import { createLimiter, minimumSpanMs, SLACK_CHANNEL_LIMIT, TEAMS_CONVERSATION_LIMIT } from "../../bench/fakes/limits.ts";

describe("the bench fakes' platform limits", () => {
  it("lets a Slack channel take a burst of three, then one message a second", () => {
    const limiter = createLimiter(SLACK_CHANNEL_LIMIT);
    expect([0, 0, 0].map((t) => limiter.take(t).ok)).toEqual([true, true, true]);
    expect(limiter.take(10)).toEqual({ ok: false, retryAfterMs: 990 });
    expect(limiter.take(1000).ok).toBe(true);
    expect(limiter.take(1500).ok).toBe(false);
  });

  it("holds a Teams conversation to 7 a second and 60 in 30 seconds", () => {
    const limiter = createLimiter(TEAMS_CONVERSATION_LIMIT);
    for (let i = 0; i < 7; i++) expect(limiter.take(i).ok).toBe(true);
    expect(limiter.take(100)).toEqual({ ok: false, retryAfterMs: 900 });
    let now = 1000;
    let accepted = 7;
    while (now < 30_000) {
      if (limiter.take(now).ok) accepted += 1;
      now += 10;
    }
    expect(accepted).toBe(60);
  });

  it("knows the least time the limits allow for n messages", () => {
    expect(minimumSpanMs(SLACK_CHANNEL_LIMIT, 3)).toBe(0);
    expect(minimumSpanMs(SLACK_CHANNEL_LIMIT, 20)).toBe(17_000);
    expect(minimumSpanMs(TEAMS_CONVERSATION_LIMIT, 7)).toBe(0);
    expect(minimumSpanMs(TEAMS_CONVERSATION_LIMIT, 20)).toBe(2000);
    expect(minimumSpanMs(TEAMS_CONVERSATION_LIMIT, 61)).toBe(30_000);
  });
});
