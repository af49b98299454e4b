import { sql } from "kysely";
import type { RecurringTask } from "../../app/feature.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { composeIncidentNotice } from "./incident.card.ts";
import { incidentKeys } from "./incident.ts";

/** Incidents whose retention period (per partnership, 730 days unless set) has run out and are not purged yet. */
async function findDue(deps: AlertsDeps, now: Date) {
  return deps.db
    .selectFrom("incidents as i")
    .select(["i.id", "i.partnership_id", "i.occurred_at"])
    .where("i.purged_at", "is", null)
    .where(
      "i.reported_at",
      "<",
      sql<Date>`${now}::timestamptz - make_interval(days => coalesce((select s.retention_days from incident_settings s where s.partnership_id = i.partnership_id), 730))`,
    )
    .orderBy("i.reported_at")
    .execute();
}

/**
 * At the end of each partnership's retention period an incident's free text goes everywhere it was: from the
 * incident row, from the stored messages that carried its details, and from every chat they were delivered to (each
 * copy replaced by a neutral notice, deleted where the platform will not replace it; one it cannot remove is listed
 * for samordning). The structured facts stay, so anonymised figures in reports and agendas do not change; the audit
 * trail records the purge and how many copies were taken back.
 */
async function purgeIncidents(deps: AlertsDeps, now: Date): Promise<number> {
  let purged = 0;
  for (const due of await findDue(deps, now)) {
    // One incident per unit of work: its row, its stored messages and the retractions commit together.
    const done = await deps.transact(async (w) => {
      const cleared = await w.db
        .updateTable("incidents")
        .set({ description: null, purged_at: now })
        .where("id", "=", due.id)
        .where("purged_at", "is", null)
        .executeTakeFirst();
      if (Number(cleared.numUpdatedRows) === 0) return false;
      const notice = composeIncidentNotice("detailsRetracted", { at: due.occurred_at });
      const copies = await w.notifier.retract(incidentKeys.detailsPrefixes(due.id), notice, { key: incidentKeys.retracted(due.id) });
      await recordAudit(w.db, {
        partnershipId: due.partnership_id,
        actorMemberId: null,
        action: "incident.purged",
        subjectType: "incident",
        subjectId: due.id,
        details: { copiesTakenBack: copies },
        at: now,
      });
      return true;
    });
    if (done) purged += 1;
  }
  if (purged > 0) deps.logger.info({ purged }, "purged incident free text after the retention period, in the database and in chat");
  return purged;
}

/** The nightly retention run. */
export function createIncidentPurgeTask(deps: AlertsDeps): RecurringTask {
  return { name: "alerts.incident-retention", cron: "30 3 * * *", run: async (now) => void (await purgeIncidents(deps, now)) };
}
