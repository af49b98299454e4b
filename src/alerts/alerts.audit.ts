import type { Db } from "../db/database.ts";

/** One entry of the alerts audit trail: who did what to which alert or incident, and when. */
export interface AlertAuditEntry {
  partnershipId: string;
  /** Null when the bot acted on its own (automatic close, escalation). */
  actorMemberId: string | null;
  action: string;
  subjectType: "cold_night" | "incident" | "cold_night_forecast" | "shelter_night";
  subjectId: string;
  details?: Record<string, unknown>;
  at: Date;
}

/** Appends to `audit_events`; never updated or deleted, so the trail survives purges of free text. */
export async function recordAudit(db: Db, entry: AlertAuditEntry): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      partnership_id: entry.partnershipId,
      actor_member_id: entry.actorMemberId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      details: JSON.stringify(entry.details ?? {}),
      at: entry.at,
    })
    .execute();
}
