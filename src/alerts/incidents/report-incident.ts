import type { Member, Partnership } from "../../partnerships/partnership.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole } from "../alerts.directory.ts";
import type { Db } from "../../db/database.ts";
import { composeIncidentDetails, composeIncidentNotice } from "./incident-card.ts";
import { DEBRIEF_REMINDER_AFTER_HOURS, INCIDENT_KINDS_OF_REMINDER, incidentKeys, mustReportToAuthority, POLICE_STATUS_AFTER_HOURS, type Incident, type IncidentReport } from "./incident.ts";
import { insertIncident, loadIncident } from "./incident.repository.ts";
import { tellMembers } from "../alerts.notices.ts";
import { loadIncidentSettings } from "../../partnerships/index.ts";

const HOUR_MS = 3_600_000;

/**
 * The people who follow up an incident for the employer: its organisation's managers, else its coordinators;
 * samordning when the reporter has no organisation (or it has neither), so the follow-ups always reach someone.
 */
export async function employerContacts(db: Db, incident: Pick<Incident, "partnershipId" | "organisationId">): Promise<string[]> {
  if (incident.organisationId !== null) {
    for (const role of ["manager", "coordinator"] as const) {
      const found = await findMembersWithRole(db, incident.partnershipId, [role], incident.organisationId);
      if (found.length > 0) return found;
    }
  }
  return findMembersWithRole(db, incident.partnershipId, ["samordning"]);
}

/**
 * Stores a report of threats or violence and sets everything after it in motion: samordning and the reporter's
 * managers get the report at once, the channel a neutral notice, and the acknowledgement deadline and the
 * follow-ups (avlastningssamtal, Arbetsmiljöverket, police report) become reminder rows.
 */
export async function reportIncident(deps: AlertsDeps, request: { partnership: Partnership; reporter: Member; report: IncidentReport }): Promise<Incident> {
  const { db, clock } = deps;
  const { partnership, reporter, report } = request;
  const settings = await loadIncidentSettings(db, partnership.id);
  const now = clock.now();
  // One transaction: the report, its follow-up reminders and every message about it exist together or not at all.
  return deps.transact(async (w) => {
    const id = await insertIncident(w.db, { ...report, partnershipId: partnership.id, reportedBy: reporter.id, organisationId: reporter.organisationId, reportedAt: now });
    // The trail names the report, never its free text, so it survives the purge unchanged.
    await recordAudit(w.db, {
      partnershipId: partnership.id,
      actorMemberId: reporter.id,
      action: "incident.reported",
      subjectType: "incident",
      subjectId: id,
      details: { kind: report.kind, severity: report.severity, injuries: report.injuries, activityId: report.activityId },
      at: now,
    });

    const schedule = (key: string, kind: string, dueAt: Date, payload: Record<string, unknown> = {}) =>
      w.reminders.schedule({ key, kind, partnershipId: partnership.id, dueAt, payload: { incidentId: id, ...payload } });
    await schedule(incidentKeys.ack(id), INCIDENT_KINDS_OF_REMINDER.ackEscalation, new Date(now.getTime() + settings.ackMinutes * 60_000));
    await schedule(incidentKeys.debrief(id), INCIDENT_KINDS_OF_REMINDER.debrief, new Date(now.getTime() + DEBRIEF_REMINDER_AFTER_HOURS * HOUR_MS));
    if (mustReportToAuthority(report)) await schedule(incidentKeys.authority(id, 1), INCIDENT_KINDS_OF_REMINDER.authority, now, { n: 1 });
    if (report.police === "called") await schedule(incidentKeys.police(id), INCIDENT_KINDS_OF_REMINDER.police, new Date(now.getTime() + POLICE_STATUS_AFTER_HOURS * HOUR_MS));

    const incident = (await loadIncident(w.db, id))!;
    const samordning = await findMembersWithRole(w.db, partnership.id, ["samordning"]);
    await tellMembers(w.notifier, samordning, composeIncidentDetails(incident, reporter.displayName, "samordning", settings.ackMinutes), incidentKeys.details(id));
    // Samordning standing in for a missing employer already has the report; the reminders will reach them.
    const employer = (await employerContacts(w.db, incident)).filter((m) => !samordning.includes(m));
    await tellMembers(w.notifier, employer, composeIncidentDetails(incident, reporter.displayName, "manager", settings.ackMinutes), incidentKeys.details(id));
    if (settings.channelNotice) {
      const notice = composeIncidentNotice("channelNotice", {});
      const options = { key: `incident:${id}:notice` };
      if ((await w.notifier.toChannels(partnership.id, { purpose: "alerts" }, notice, options)) === 0) await w.notifier.toChannels(partnership.id, { purpose: "partnership" }, notice, options);
    }
    return incident;
  });
}
