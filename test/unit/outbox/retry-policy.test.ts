import { describe, expect, it } from "vitest";
import { isRetryable, nextAttemptAt } from "../../../src/outbox/retry-policy.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";

const now = new Date("2026-12-02T02:00:00Z");
const after = (attempts: number, error: unknown, random: number) => nextAttemptAt(now, attempts, error, () => random).getTime() - now.getTime();

describe("retry policy", () => {
  it("backs off exponentially with jitter between half and all of the ceiling", () => {
    const blip = new SamverkaError("platform_unavailable", "500", { retryable: true });
    expect(after(1, blip, 0)).toBe(500);
    expect(after(1, blip, 1)).toBe(1_000);
    expect(after(4, blip, 1)).toBe(8_000);
    expect(after(30, blip, 1)).toBe(5 * 60_000);
  });

  it("never retries sooner than the platform's Retry-After", () => {
    const limited = new SamverkaError("platform_unavailable", "429", { retryable: true, retryAfterMs: 30_000 });
    expect(after(1, limited, 0)).toBe(30_000);
  });

  it("retries what may succeed later and not what never will", () => {
    expect(isRetryable(new SamverkaError("platform_rejected", "channel_not_found"))).toBe(false);
    expect(isRetryable(new SamverkaError("platform_rejected", "internal_error", { retryable: true }))).toBe(true);
    expect(isRetryable(new Error("connection terminated"))).toBe(true);
  });
});
