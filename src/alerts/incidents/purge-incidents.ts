import { sql } from "kysely";
import type { RecurringTask } from "../../app/feature.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";

/**
 * Removes the free text of incidents older than each partnership's retention period. The structured facts stay,
 * so the anonymised figures in reports and agendas do not change.
 */
async function purgeIncidentText(deps: AlertsDeps, now: Date): Promise<number> {
  const purged = await deps.db
    .updateTable("incidents as i")
    .set({ description: null, purged_at: now })
    .where("i.purged_at", "is", null)
    .where(
      "i.reported_at",
      "<",
      sql<Date>`${now}::timestamptz - make_interval(days => coalesce((select s.retention_days from incident_settings s where s.partnership_id = i.partnership_id), 730))`,
    )
    .returning(["i.id", "i.partnership_id"])
    .execute();
  for (const row of purged) {
    await recordAudit(deps.db, { partnershipId: row.partnership_id, actorMemberId: null, action: "incident.purged", subjectType: "incident", subjectId: row.id, at: now });
  }
  if (purged.length > 0) deps.logger.info({ purged: purged.length }, "purged incident free text after the retention period");
  return purged.length;
}

/** The nightly retention run. */
export function createIncidentPurgeTask(deps: AlertsDeps): RecurringTask {
  return { name: "alerts.incident-retention", cron: "30 3 * * *", run: async (now) => void (await purgeIncidentText(deps, now)) };
}
