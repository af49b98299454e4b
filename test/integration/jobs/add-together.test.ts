import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBulkTogether } from "../../../jobs/add-together.ts";
import type { JobQueue } from "../../../jobs/queue-backend.ts";
import { BACKENDS, createJobsTestbed, type JobsTestbed } from "./job-backends.ts";

const job = (id: string) => ({ name: "deliver", data: { id }, opts: { jobId: id, delay: 60_000 } });

describe.each(BACKENDS)("adding jobs from many callers at once ($name)", ({ name }) => {
  let testbed: JobsTestbed;
  let queue: JobQueue;
  beforeAll(async () => {
    testbed = await createJobsTestbed(name);
    queue = testbed.openQueue("together");
  });
  afterAll(async () => {
    await testbed.close();
  });

  it("stores the jobs of callers that arrive during an add in one add after it, and each caller waits for its own", async () => {
    const adds: number[] = [];
    const counted = Object.create(queue) as JobQueue;
    counted.addBulk = (jobs) => (adds.push(jobs.length), queue.addBulk(jobs));
    const add = addBulkTogether(counted, 2_000, "add test jobs");
    await Promise.all([add([job("a-1")]), add([job("b-1"), job("b-2")]), add([job("c-1")]), add([job("b-1")])]);
    expect(adds).toEqual([1, 4]);
    const stored = await queue.getJobs(["delayed"]);
    expect(stored.map((j) => j.id).sort()).toEqual(["a-1", "b-1", "b-2", "c-1"]);
  });

  it("fails the callers of an add the queue store does not answer, and the next add goes through", async () => {
    let calls = 0;
    const stalled = Object.create(queue) as JobQueue;
    // The first add never answers; the ones after it do.
    stalled.addBulk = (jobs) => (++calls === 1 ? new Promise(() => undefined) : queue.addBulk(jobs));
    const add = addBulkTogether(stalled, 200, "add test jobs");
    const first = add([job("d-1")]);
    const second = add([job("d-2")]);
    await expect(first).rejects.toMatchObject({ code: "external_unavailable", retryable: true });
    // The second waited behind the stalled one and then went in its own add.
    await expect(second).resolves.toBeUndefined();
    expect((await queue.getJob("d-2"))?.id).toBe("d-2");
  });
});
