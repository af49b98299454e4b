import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobQueue } from "../../../jobs/queue-backend.ts";
import { indexRecurringTasks, syncRecurringSchedulers } from "../../../jobs/recurring-schedulers.ts";
import { RECURRING_QUEUE } from "../../../jobs/recurring.jobs.ts";
import type { RecurringTask } from "../../../src/app/feature.ts";
import { BACKENDS, createJobsTestbed, type JobsTestbed } from "./job-backends.ts";

const task = (name: string, cron: string): RecurringTask => ({ name, cron, run: () => Promise.resolve() });

/** The next 07:00 on the first of `month` in Stockholm, as epoch ms. */
function nextSevenOnFirstOf(month: number): number {
  const now = DateTime.now().setZone("Europe/Stockholm");
  const candidate = now.set({ month, day: 1, hour: 7, minute: 0, second: 0, millisecond: 0 });
  return (candidate <= now ? candidate.plus({ years: 1 }) : candidate).toMillis();
}

describe.each(BACKENDS)("recurring schedulers on $name", (backend) => {
  let testbed: JobsTestbed;
  let queue: JobQueue;

  beforeAll(async () => {
    testbed = await createJobsTestbed(backend.name, { migrate: false });
    queue = testbed.openQueue(RECURRING_QUEUE);
  });

  afterAll(async () => {
    await testbed?.close();
  });

  it("reads cron patterns in Stockholm time, in summer (CEST) and in winter (CET)", async () => {
    await syncRecurringSchedulers(queue, indexRecurringTasks([task("summer", "0 7 1 4 *"), task("winter", "0 7 1 1 *")]));

    const next = new Map((await queue.getJobSchedulers()).map((s) => [s.key, s.next]));

    expect(next.get("summer")).toBe(nextSevenOnFirstOf(4));
    expect(next.get("winter")).toBe(nextSevenOnFirstOf(1));
    expect(new Date(next.get("summer") ?? 0).getUTCHours()).toBe(5);
    expect(new Date(next.get("winter") ?? 0).getUTCHours()).toBe(6);
  });

  it("removes the scheduler of a task that no longer exists and keeps the others", async () => {
    await syncRecurringSchedulers(queue, indexRecurringTasks([task("kept", "0 6 * * *"), task("retired", "0 6 * * *")]));
    await syncRecurringSchedulers(queue, indexRecurringTasks([task("kept", "0 6 * * *")]));

    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(["kept"]);
  });

  it("refuses two tasks with the same name", () => {
    expect(() => indexRecurringTasks([task("same", "* * * * *"), task("same", "0 * * * *")])).toThrow(/same/);
  });
});
