import { z } from "zod";

/** The queue that carries the cron ticks of recurring tasks. */
export const RECURRING_QUEUE = "recurring";
/** Cron patterns of recurring tasks are read in this zone, so "07:00" stays 07:00 across DST. */
export const RECURRING_TIME_ZONE = "Europe/Stockholm";

/** A recurring tick's payload: the name of the task to run. */
export const recurringJobSchema = z.object({ task: z.string().min(1) });

/** The payload as stored in the queue. */
export type RecurringJobData = z.infer<typeof recurringJobSchema>;
