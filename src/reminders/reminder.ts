/** A reminder or escalation step as stored; the row is the truth, the queued job only points at it. */
export interface ReminderRecord {
  id: string;
  key: string;
  kind: string;
  partnershipId: string | null;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  /** When the row was first written; a reminder written after its due time was never waiting to be late. */
  createdAt?: Date;
}

/** What a feature asks for: `key` is deterministic (e.g. `meeting:<id>:day-before`) so rescheduling replaces. */
export interface ReminderSpec {
  key: string;
  kind: string;
  partnershipId?: string | null;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

/** Scheduling reminders: rows first, jobs after; every operation is safe to repeat. */
export interface Reminders {
  /** Creates or moves the reminder with `spec.key`; a done one is left alone unless `rearm` is set. */
  schedule(spec: ReminderSpec, options?: { rearm?: boolean }): Promise<ReminderRecord>;
  /** Schedules each of `specs` as `schedule` does, together: one statement (two when keys move) for all of them. */
  scheduleMany(specs: readonly ReminderSpec[], options?: { rearm?: boolean }): Promise<ReminderRecord[]>;
  /** Cancels one pending (or running) reminder; returns whether it was still open. */
  cancel(key: string): Promise<boolean>;
  /** Cancels every pending (or running) reminder whose key starts with `prefix`; returns how many. */
  cancelByPrefix(prefix: string): Promise<number>;
}

/** Which job to run for a reminder: the row id and the due time the job was queued for. */
export interface ReminderJobRef {
  reminderId: string;
  dueAt: Date;
}

/** The job runtime as the core sees it: a delayed job per (row, due time). */
export interface ReminderQueue {
  enqueue(reminderId: string, dueAt: Date): Promise<void>;
  /** Queues many at once (the reconcile sweep); an already queued (row, due time) is left as it is. */
  enqueueMany(jobs: readonly ReminderJobRef[]): Promise<void>;
  remove(reminderId: string, dueAt: Date): Promise<void>;
}
