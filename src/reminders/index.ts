export type { ReminderJobRef, ReminderQueue, ReminderRecord, ReminderSpec, Reminders } from "./reminder.ts";
export { createReminders, createReminderWriter, flushReminderJobs, type RemindersDeps, type ReminderWriterDeps } from "./reminders.ts";
export { createReminderProcessor, DEFAULT_MAX_ATTEMPTS, type ProcessReminder, type ReminderProcessorDeps } from "./process-reminder.ts";
export { reconcileReminders, type ReconcileDeps, type ReconcileResult } from "./reconcile-reminders.ts";
export { runTogether, type DueReminder } from "./run-together.ts";
