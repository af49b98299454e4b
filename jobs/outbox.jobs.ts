import { z } from "zod";
import type { OutboxJobRef } from "../src/outbox/outbox.ts";

/** The queue that delivers outbox rows. */
export const OUTBOX_QUEUE = "outbox";
/** The job name of one delivery. */
export const OUTBOX_JOB = "deliver";

/** A delivery job's payload: only the row id and the due time it was queued for. */
const outboxJobSchema = z.object({ outboxId: z.uuid(), dueAt: z.iso.datetime() });

/** The payload as stored in the queue. */
export type OutboxJobData = z.infer<typeof outboxJobSchema>;

/** Serialises a job reference for the queue. */
export function toOutboxJobData(job: OutboxJobRef): OutboxJobData {
  return { outboxId: job.outboxId, dueAt: job.dueAt.toISOString() };
}

/** Validates a job payload from the queue; undefined for one that can never be processed. */
export function parseOutboxJobData(data: unknown): OutboxJobRef | undefined {
  const parsed = outboxJobSchema.safeParse(data);
  return parsed.success ? { outboxId: parsed.data.outboxId, dueAt: new Date(parsed.data.dueAt) } : undefined;
}

/** The deterministic job id of a (row, due time): adding it twice is a no-op, a retry at a new time is a new job. */
export function outboxJobId(job: OutboxJobRef): string {
  return `o-${job.outboxId}-${job.dueAt.getTime()}`;
}
