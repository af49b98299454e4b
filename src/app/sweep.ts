import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { toSamverkaError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";

/** How often every worker process sweeps; the rows are the truth, so this bounds how late a lost job can be. */
export const SWEEP_INTERVAL_MS = 15_000;
/** /readyz reports the sweep unhealthy when no process completed one for this long. */
export const SWEEP_STALE_MS = 3 * SWEEP_INTERVAL_MS;
const SWEEP_NAME = "reconcile";
// Any fixed number works; it only has to be the same in every process of one deployment.
const SWEEP_LOCK = 72_406_121;

/** One part of the sweep. `rebuilt` counts what had been lost (schedulers re-created, claims of dead workers released). */
export interface SweepStep {
  name: string;
  run(now: Date): Promise<{ rebuilt: number } & Record<string, number>>;
}

/** The sweep as a running timer. */
export interface Sweep {
  start(): void;
  stop(): Promise<void>;
  /** Runs one sweep now (if no other process is running one); returns false when another held the lock. */
  runOnce(): Promise<boolean>;
}

/**
 * The reconcile sweep lives outside the queue store it repairs: each worker process runs it on its own timer, and a
 * PostgreSQL advisory lock lets one run at a time. It re-creates what a flushed or failed queue store lost from the
 * rows, and records its run for /readyz in every process. No transaction is held while it talks to the queue store.
 */
export function createSweep(deps: { db: Db; clock: Clock; logger: Logger; steps: readonly SweepStep[]; intervalMs?: number }): Sweep {
  const logger = deps.logger.child({ component: "sweep" });
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<boolean> | undefined;

  async function sweep(): Promise<boolean> {
    return deps.db.connection().execute(async (conn) => {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${SWEEP_LOCK}) as locked`.execute(conn);
      if (rows[0]?.locked !== true) return false;
      try {
        const now = deps.clock.now();
        const details: Record<string, Record<string, number>> = {};
        let rebuilt = 0;
        const failed: string[] = [];
        for (const step of deps.steps) {
          try {
            const result = await step.run(now);
            details[step.name] = result;
            rebuilt += result.rebuilt;
          } catch (error) {
            // One part failing (the queue store is down) must not stop the others from running.
            failed.push(step.name);
            logger.warn({ err: toSamverkaError(error), step: step.name }, "a part of the sweep failed; the next sweep tries again");
          }
        }
        // An incomplete sweep is not recorded, so /readyz keeps saying so until one completes.
        if (failed.length > 0) return true;
        if (rebuilt > 0)
          logger.error({ details }, `the sweep rebuilt ${rebuilt} lost item(s) from the rows (a queue store lost data, or a worker died mid-job)`);
        else logger.debug({ details }, "sweep done");
        await conn
          .insertInto("sweep_runs")
          .values({ name: SWEEP_NAME, completed_at: now, details: JSON.stringify(details) })
          .onConflict((oc) => oc.column("name").doUpdateSet({ completed_at: now, details: JSON.stringify(details) }))
          .execute();
        return true;
      } finally {
        await sql`select pg_advisory_unlock(${SWEEP_LOCK})`.execute(conn);
      }
    });
  }

  const runOnce = (): Promise<boolean> => {
    current ??= sweep().finally(() => (current = undefined));
    return current;
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => {
        runOnce().catch((error: unknown) => logger.warn({ err: toSamverkaError(error) }, "the sweep could not run; it tries again at the next interval"));
      }, deps.intervalMs ?? SWEEP_INTERVAL_MS);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
    runOnce,
  };
}

/** Whether some process completed a sweep recently, for /readyz. */
export async function sweepIsFresh(db: Db, now: Date, staleMs = SWEEP_STALE_MS): Promise<boolean> {
  const row = await db.selectFrom("sweep_runs").select("completed_at").where("name", "=", SWEEP_NAME).executeTakeFirst();
  return row !== undefined && now.getTime() - row.completed_at.getTime() <= staleMs;
}
