/** A reminder or escalation step as stored; the row is the truth, the queued job only points at it. */
export interface ReminderRecord {
  id: string;
  key: string;
  kind: string;
  partnershipId: string | null;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
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
  /** Cancels one pending reminder; returns whether it was pending. */
  cancel(key: string): Promise<boolean>;
  /** Cancels every pending reminder whose key starts with `prefix`; returns how many. */
  cancelByPrefix(prefix: string): Promise<number>;
}

/** The job runtime as the core sees it: a delayed job per (row, due time). */
export interface ReminderQueue {
  enqueue(reminderId: string, dueAt: Date): Promise<void>;
  remove(reminderId: string, dueAt: Date): Promise<void>;
}
