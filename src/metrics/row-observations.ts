import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Metrics } from "../shared/metrics.ts";

/** The watermark's row in `sweep_runs`: how far the rows have been observed. */
const WATERMARK = "metrics:observed-rows";
/** A deployment's first observation looks back this far, so what happened just before the first scrape counts. */
const FIRST_LOOK_BACK_MS = 60 * 60_000;

/**
 * Observes what the rows say happened since the last observation, for figures no use case reports itself: how long
 * each shelter took to answer a cold night (declared → answered), and conversational forms completed. The watermark
 * is a row, claimed under a row lock with the reads, so across every process of a deployment each answer and each
 * completion is observed once (by whichever process was scraped first), and a restart does not observe them again.
 */
export function createRowObserver(deps: { db: Db; clock: Clock; metrics: Metrics }): { observe(): Promise<void> } {
  return {
    async observe() {
      const to = deps.clock.now();
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("sweep_runs")
          .values({ name: WATERMARK, completed_at: new Date(to.getTime() - FIRST_LOOK_BACK_MS), details: JSON.stringify({}) })
          .onConflict((oc) => oc.column("name").doNothing())
          .execute();
        const { completed_at: from } = await trx
          .selectFrom("sweep_runs")
          .select("completed_at")
          .where("name", "=", WATERMARK)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (from >= to) return;
        const answers = await trx
          .selectFrom("cold_night_responses as r")
          .innerJoin("cold_night_alerts as a", "a.id", "r.alert_id")
          .where("r.answered_at", ">", from)
          .where("r.answered_at", "<=", to)
          .select(["r.answered_at", "a.declared_at"])
          .execute();
        for (const a of answers) deps.metrics.coldNightAcknowledged(Math.max(0, a.answered_at!.getTime() - a.declared_at.getTime()) / 1000);
        const completed = await trx
          .selectFrom("form_sessions")
          .where("status", "=", "completed")
          .where("updated_at", ">", from)
          .where("updated_at", "<=", to)
          .select("subject")
          .execute();
        // The subject names its owner and the thing (`report:<id>`); the owner is the label, never the id.
        for (const c of completed) deps.metrics.formCompleted(c.subject.split(":")[0] ?? "form", "conversation");
        await trx.updateTable("sweep_runs").set({ completed_at: to }).where("name", "=", WATERMARK).execute();
      });
    },
  };
}
