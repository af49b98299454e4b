import type { Logger } from "../shared/logger.ts";
import { createMicroBatch } from "../shared/micro-batch.ts";
import type { ReminderRecord } from "./reminder.ts";

/** A claimed reminder with its payload, read with its handler's schema. */
export interface DueReminder<P> {
  reminder: ReminderRecord;
  payload: P;
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * Gives a handler that works on many reminders at once (one unit of work for all of them) the per-reminder `run` of a
 * `ReminderHandler`: reminders whose jobs run at the same moment go together. When such a batch fails, nothing of it
 * committed, and each of its reminders runs again alone: one that cannot run fails only itself (and is settled on its
 * own by the processor: retried or given up), and the others are done once.
 */
export function runTogether<P>(
  runMany: (due: readonly DueReminder<P>[]) => Promise<void>,
  logger: Logger,
): (reminder: ReminderRecord, payload: P) => Promise<void> {
  const alone = (due: DueReminder<P>): Promise<Outcome> =>
    runMany([due]).then(
      (): Outcome => ({ ok: true }),
      (error: unknown): Outcome => ({ ok: false, error }),
    );
  const batch = createMicroBatch(async (due: readonly DueReminder<P>[]): Promise<Outcome[]> => {
    if (due.length > 1) {
      try {
        await runMany(due);
        return due.map(() => ({ ok: true }));
      } catch (error) {
        logger.debug({ err: error, reminders: due.length }, "a batch of reminders failed; each runs again alone");
      }
    }
    return Promise.all(due.map(alone));
  });
  return async (reminder, payload) => {
    const outcome = await batch({ reminder, payload });
    if (!outcome.ok) throw outcome.error;
  };
}
