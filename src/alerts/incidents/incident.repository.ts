import type { Db } from "../../db/database.ts";
import type { Incident, IncidentReport } from "./incident.ts";

/** The activity the member works at, to preselect in the form. */
export async function findOwnActivity(db: Db, memberId: string): Promise<string | undefined> {
  const row = await db.selectFrom("activity_staff").where("member_id", "=", memberId).select("activity_id").orderBy("activity_id").executeTakeFirst();
  return row?.activity_id;
}

export async function insertIncident(
  db: Db,
  values: IncidentReport & { partnershipId: string; reportedBy: string; organisationId: string | null; reportedAt: Date },
): Promise<string> {
  const row = await db
    .insertInto("incidents")
    .values({
      partnership_id: values.partnershipId,
      reported_by: values.reportedBy,
      organisation_id: values.organisationId,
      activity_id: values.activityId,
      occurred_at: values.occurredAt,
      reported_at: values.reportedAt,
      kind: values.kind,
      severity: values.severity,
      injuries: values.injuries,
      police: values.police,
      support_needed: values.supportNeeded,
      description: values.description,
      people_staff: values.staffInvolved,
      people_visitors: values.visitorsInvolved,
      people_other: values.othersInvolved,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The incident with its activity and organisation names, or undefined. */
export async function loadIncident(db: Db, id: string): Promise<Incident | undefined> {
  const rows = await selectIncidents(db).where("i.id", "=", id).execute();
  return rows[0];
}

/** The latest incidents of a partnership, newest first. */
export async function findLatestIncidents(db: Db, partnershipId: string, limit: number): Promise<Incident[]> {
  return selectIncidents(db).where("i.partnership_id", "=", partnershipId).orderBy("i.occurred_at", "desc").limit(limit).execute();
}

function selectIncidents(db: Db) {
  return db
    .selectFrom("incidents as i")
    .leftJoin("activities as a", "a.id", "i.activity_id")
    .leftJoin("organisations as o", "o.id", "i.organisation_id")
    .select([
      "i.id",
      "i.partnership_id as partnershipId",
      "i.reported_by as reportedBy",
      "i.organisation_id as organisationId",
      "i.activity_id as activityId",
      "a.name as activityName",
      "o.name as organisationName",
      "i.occurred_at as occurredAt",
      "i.reported_at as reportedAt",
      "i.kind",
      "i.severity",
      "i.injuries",
      "i.police",
      "i.support_needed as supportNeeded",
      "i.description",
      "i.people_staff as staffInvolved",
      "i.people_visitors as visitorsInvolved",
      "i.people_other as othersInvolved",
      "i.acknowledged_by as acknowledgedBy",
      "i.acknowledged_at as acknowledgedAt",
      "i.debrief_done_at as debriefDoneAt",
      "i.authority_reported_at as authorityReportedAt",
      "i.police_reported_at as policeReportedAt",
    ]);
}

/** Acknowledges once; returns false when already acknowledged. */
export async function markAcknowledged(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("incidents")
    .set({ acknowledged_by: by, acknowledged_at: at })
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks escalation once; returns false when acknowledged meanwhile or already escalated. */
export async function markEscalated(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("incidents")
    .set({ escalated_at: at })
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .where("escalated_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The follow-ups that can be marked done. */
export type IncidentFollowUp = "debrief" | "authority" | "police";

export async function markFollowUpDone(db: Db, id: string, followUp: IncidentFollowUp, at: Date): Promise<void> {
  const set =
    followUp === "debrief"
      ? { debrief_done_at: at }
      : followUp === "authority"
        ? { authority_reported_at: at }
        : { police_reported_at: at, police: "reported" as const };
  await db.updateTable("incidents").set(set).where("id", "=", id).execute();
}
