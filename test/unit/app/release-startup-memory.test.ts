import { setImmediate } from "node:timers/promises";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseStartupMemory } from "../../../src/app/release-startup-memory.ts";

describe("releasing the memory start-up needed", () => {
  it("collects what nothing references any more, at once", async () => {
    const garbage = new WeakRef({ modules: new Array(10_000).fill("loaded") });
    // A WeakRef's target is kept until the job that created it has ended.
    await setImmediate();
    releaseStartupMemory();
    expect(garbage.deref()).toBeUndefined();
  });

  it("leaves gc() hidden from code that runs afterwards", () => {
    releaseStartupMemory();
    expect(runInNewContext("typeof gc")).toBe("undefined");
  });
});
