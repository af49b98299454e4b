import { describe, expect, it } from "vitest";
import { createMicroBatch } from "../../../src/shared/micro-batch.ts";

/** A statement over many items that the test lets finish when it says so. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: (() => void)[] = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve) => finish.push(() => resolve(items.map((i) => i * 10))));
  };
  return { batches, finish, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("a micro-batch", () => {
  it("runs a lone call at once, without waiting for company", async () => {
    const { batches, finish, run } = controlledRun();
    const call = createMicroBatch(run);

    const answer = call(1);
    expect(batches).toEqual([[1]]);
    finish[0]!();
    expect(await answer).toBe(10);
  });

  it("runs the calls that arrive while a batch runs together, each answered with its own result", async () => {
    const { batches, finish, run } = controlledRun();
    const call = createMicroBatch(run);

    const answers = [call(1), call(2), call(3), call(4)];
    expect(batches).toEqual([[1]]);
    finish[0]!();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40]);
  });

  it("takes at most maxBatch items at a time", async () => {
    const { batches, finish, run } = controlledRun();
    const call = createMicroBatch(run, 2);

    const answers = [1, 2, 3, 4, 5, 6].map(call);
    for (let i = 0; i < 4; i++) {
      finish[i]!();
      await tick();
    }
    expect(batches).toEqual([[1], [2, 3], [4, 5], [6]]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it("gives a failed batch's error to each of its items, and runs the next batch", async () => {
    let runs = 0;
    const call = createMicroBatch(async (items: readonly number[]) => {
      runs += 1;
      if (runs === 2) throw new Error("statement failed");
      return items.map((i) => i);
    });

    const first = call(1);
    const failing = [call(2), call(3)];
    const later = failing.map((p) => p.catch((e: unknown) => (e as Error).message));
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual(["statement failed", "statement failed"]);
    expect(await call(4)).toBe(4);
  });
});
