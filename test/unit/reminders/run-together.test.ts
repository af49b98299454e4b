import { describe, expect, it } from "vitest";
import type { ReminderRecord } from "../../../src/reminders/reminder.ts";
import { runTogether, type DueReminder } from "../../../src/reminders/run-together.ts";
import { silentLogger } from "../../../src/shared/logger.ts";

const reminder = (id: string): ReminderRecord => ({ id, key: `k:${id}`, kind: "test", partnershipId: null, dueAt: new Date(0), payload: {}, attempts: 1 });

/** A handler over many reminders that records each batch it is given and refuses any batch holding a `bad` one. */
function recordingHandler() {
  const batches: string[][] = [];
  const committed: string[] = [];
  const runMany = async (due: readonly DueReminder<{ bad: boolean }>[]) => {
    batches.push(due.map((d) => d.reminder.id));
    await Promise.resolve();
    const bad = due.find((d) => d.payload.bad);
    if (bad !== undefined) throw new Error(`${bad.reminder.id} cannot run`);
    committed.push(...due.map((d) => d.reminder.id));
  };
  return { batches, committed, run: runTogether(runMany, silentLogger) };
}

describe("reminders run together", () => {
  it("runs the reminders that arrive while a batch runs as one batch", async () => {
    const { batches, committed, run } = recordingHandler();

    await Promise.all(["a", "b", "c", "d"].map((id) => run(reminder(id), { bad: false })));

    expect(batches).toEqual([["a"], ["b", "c", "d"]]);
    expect(committed).toEqual(["a", "b", "c", "d"]);
  });

  it("fails only the reminder that cannot run: the rest of its batch runs again alone, once each", async () => {
    const { batches, committed, run } = recordingHandler();

    const outcomes = await Promise.allSettled(["a", "b", "c", "d"].map((id) => run(reminder(id), { bad: id === "c" })));

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error("c cannot run"));
    expect(batches).toEqual([["a"], ["b", "c", "d"], ["b"], ["c"], ["d"]]);
    expect(committed).toEqual(["a", "b", "d"]);
  });
});
