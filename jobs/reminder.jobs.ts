import { z } from "zod";
import type { ReminderJobRef } from "../src/reminders/reminder.ts";

/** The queue that delivers due reminders. */
export const REMINDER_QUEUE = "reminders";
/** The job name of a reminder delivery. */
export const REMINDER_JOB = "reminder";

/** A reminder job's payload: only the row id and the due time it was queued for. */
const reminderJobSchema = z.object({
  reminderId: z.uuid(),
  dueAt: z.iso.datetime(),
});

/** The payload as stored in the queue. */
export type ReminderJobData = z.infer<typeof reminderJobSchema>;

/** Serialises a job reference for the queue. */
export function toReminderJobData(job: ReminderJobRef): ReminderJobData {
  return { reminderId: job.reminderId, dueAt: job.dueAt.toISOString() };
}

/** Validates a job payload from the queue; returns undefined for one that can never be processed. */
export function parseReminderJobData(data: unknown): ReminderJobRef | undefined {
  const parsed = reminderJobSchema.safeParse(data);
  return parsed.success ? { reminderId: parsed.data.reminderId, dueAt: new Date(parsed.data.dueAt) } : undefined;
}

/**
 * The deterministic job id of a (row, due time): adding it twice is a no-op, and a moved reminder gets a new id.
 * BullMQ forbids ':' and integer-like custom ids, so this is `r-<uuid>-<due epoch ms>`.
 */
export function reminderJobId(job: ReminderJobRef): string {
  return `r-${job.reminderId}-${job.dueAt.getTime()}`;
}
