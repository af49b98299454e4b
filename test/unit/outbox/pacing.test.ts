import { describe, expect, it } from "vitest";
import { createPacer, MAX_HOLD_MS, Paced } from "../../../src/outbox/pacing.ts";

/** A pacer on a clock the test moves. */
function pacerAt(start = 1_000_000) {
  let t = start;
  return { pacer: createPacer(() => t), advance: (ms: number) => void (t += ms) };
}

/** Resolves to "sent" when the pacer lets the message go now, or to the ms it reserved when it gives the row back. */
async function outcome(promise: Promise<void>): Promise<"sent" | number> {
  try {
    await promise;
    return "sent";
  } catch (error) {
    if (error instanceof Paced) return error.ms;
    throw error;
  }
}

describe("the pacer", () => {
  it("lets a Slack conversation's burst through, then reserves one slot a second, each later row a later slot", async () => {
    const { pacer } = pacerAt();
    for (const row of ["r1", "r2", "r3"]) expect(await outcome(pacer.pace("slack", "D1", row))).toBe("sent");
    expect(await outcome(pacer.pace("slack", "D1", "r4"))).toBe(1000);
    expect(await outcome(pacer.pace("slack", "D1", "r5"))).toBe(2000);
    expect(await outcome(pacer.pace("slack", "D1", "r6"))).toBe(3000);
  });

  it("keeps other conversations free while one is busy", async () => {
    const { pacer } = pacerAt();
    for (const row of ["r1", "r2", "r3", "r4", "r5"]) await outcome(pacer.pace("slack", "D1", row));
    expect(await outcome(pacer.pace("slack", "D2", "r6"))).toBe("sent");
    expect(await outcome(pacer.pace("teams", "D1", "r7"))).toBe("sent");
  });

  it("lets a row that comes back at its reserved slot go without taking another, so the next row's slot is unchanged", async () => {
    const { pacer, advance } = pacerAt();
    for (const row of ["r1", "r2", "r3"]) await outcome(pacer.pace("slack", "D1", row));
    expect(await outcome(pacer.pace("slack", "D1", "r4"))).toBe(1000);
    expect(await outcome(pacer.pace("slack", "D1", "r5"))).toBe(2000);
    advance(1000);
    expect(await outcome(pacer.pace("slack", "D1", "r4"))).toBe("sent");
    // r5 still holds the slot at 2 s; a new row gets the one after it, not r4's again.
    expect(await outcome(pacer.pace("slack", "D1", "r6"))).toBe(2000);
    advance(1000);
    expect(await outcome(pacer.pace("slack", "D1", "r5"))).toBe("sent");
  });

  it("gives a row that comes back early the rest of its own reservation, not a new slot", async () => {
    const { pacer, advance } = pacerAt();
    for (const row of ["r1", "r2", "r3", "r4"]) await outcome(pacer.pace("slack", "D1", row));
    expect(await outcome(pacer.pace("slack", "D1", "r5"))).toBe(2000);
    advance(500);
    expect(await outcome(pacer.pace("slack", "D1", "r5"))).toBe(1500);
    expect(await outcome(pacer.pace("slack", "D1", "r6"))).toBe(2500);
  });

  it("waits for a slot only a short moment away instead of giving the row back", async () => {
    const { pacer, advance } = pacerAt();
    for (const row of ["r1", "r2", "r3"]) await outcome(pacer.pace("slack", "D1", row));
    advance(1000 - MAX_HOLD_MS / 2);
    const started = performance.now();
    expect(await outcome(pacer.pace("slack", "D1", "r4"))).toBe("sent");
    expect(performance.now() - started).toBeGreaterThanOrEqual(MAX_HOLD_MS / 2 - 5);
  });

  it("paces Teams at its own limit: a burst of seven, then two a second", async () => {
    const { pacer } = pacerAt();
    for (let i = 0; i < 7; i++) expect(await outcome(pacer.pace("teams", "19:c", `r${i}`))).toBe("sent");
    // The eighth's slot is half a second away: more than a short moment, so it is reserved too.
    expect(await outcome(pacer.pace("teams", "19:c", "r7"))).toBe(500);
    expect(await outcome(pacer.pace("teams", "19:c", "r8"))).toBe(1000);
  });
});
