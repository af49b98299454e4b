import type { ReminderHandler } from "../../app/feature.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findDisplayNames, findMembersWithRole } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { composeIncidentDetails, composeIncidentNotice, debriefDeadline, INCIDENT_ACTIONS } from "./incident-card.ts";
import { INCIDENT_KINDS_OF_REMINDER, incidentKeys, nextAuthorityReminder, type Incident } from "./incident.ts";
import { authorityReminderPayload, incidentReminderPayload } from "./incident.jobs.ts";
import { loadIncident, markEscalated } from "./incident.repository.ts";
import { employerContacts } from "./report-incident.ts";
import { loadIncidentSettings } from "../../partnerships/index.ts";
import { parseReminderPayload } from "../alerts.payload.ts";

/** The reminder handlers of incidents; each re-reads the incident and does nothing once its follow-up is done. */
export function createIncidentReminderHandlers(deps: AlertsDeps): ReminderHandler[] {
  const { db } = deps;
  const load = async (payload: unknown, kind: string): Promise<Incident | undefined> => loadIncident(db, parseReminderPayload(incidentReminderPayload, payload, kind).incidentId);
  const timeZoneOf = async (partnershipId: string): Promise<string> =>
    (await db.selectFrom("partnerships").where("id", "=", partnershipId).select("time_zone").executeTakeFirstOrThrow()).time_zone;

  return [
    {
      kind: INCIDENT_KINDS_OF_REMINDER.ackEscalation,
      async run(reminder) {
        const incident = await load(reminder.payload, reminder.kind);
        const now = deps.clock.now();
        if (incident === undefined || !(await markEscalated(db, incident.id, now))) return;
        const settings = await loadIncidentSettings(db, incident.partnershipId);
        const reporter = (await findDisplayNames(db, incident.reportedBy === null ? [] : [incident.reportedBy])).get(incident.reportedBy ?? "") ?? "–";
        const jour = await findMembersWithRole(db, incident.partnershipId, ["socialjouren"]);
        const reached = await tellMembers(deps, jour, composeIncidentDetails(incident, reporter, "socialjouren", settings.ackMinutes), "incident escalation");
        const samordning = await findMembersWithRole(db, incident.partnershipId, ["samordning"]);
        await tellMembers(deps, samordning, composeIncidentNotice("escalatedToSamordning", {}, (t) => [{ actionId: INCIDENT_ACTIONS.ack, label: t("buttonAck"), value: incident.id, style: "primary" }]), "incident escalation");
        await recordAudit(db, { partnershipId: incident.partnershipId, actorMemberId: null, action: "incident.escalated", subjectType: "incident", subjectId: incident.id, details: { to: "socialjouren", reached }, at: now });
      },
    },
    {
      kind: INCIDENT_KINDS_OF_REMINDER.debrief,
      async run(reminder) {
        const incident = await load(reminder.payload, reminder.kind);
        if (incident === undefined || incident.debriefDoneAt !== null) return;
        const compose = composeIncidentNotice("debriefReminder", { at: incident.occurredAt, deadline: debriefDeadline(incident) }, (t) => [
          { actionId: INCIDENT_ACTIONS.debriefDone, label: t("buttonDebriefDone"), value: incident.id },
        ]);
        await tellMembers(deps, await employerContacts(db, incident), compose, "avlastningssamtal reminder");
      },
    },
    {
      kind: INCIDENT_KINDS_OF_REMINDER.authority,
      async run(reminder) {
        const { incidentId, n } = parseReminderPayload(authorityReminderPayload, reminder.payload, reminder.kind);
        const incident = await loadIncident(db, incidentId);
        if (incident === undefined || incident.authorityReportedAt !== null) return;
        const compose = composeIncidentNotice("authorityReminder", { at: incident.occurredAt }, (t) => [
          { actionId: INCIDENT_ACTIONS.authorityDone, label: t("buttonAuthorityDone"), value: incident.id, style: "primary" },
        ]);
        await tellMembers(deps, await employerContacts(db, incident), compose, "Arbetsmiljöverket reminder");
        // Repeated until marked done: each repetition is its own row, so a done one is never re-armed by mistake.
        await deps.reminders.schedule({
          key: incidentKeys.authority(incidentId, n + 1),
          kind: INCIDENT_KINDS_OF_REMINDER.authority,
          partnershipId: incident.partnershipId,
          dueAt: nextAuthorityReminder(deps.clock.now(), await timeZoneOf(incident.partnershipId)),
          payload: { incidentId, n: n + 1 },
        });
      },
    },
    {
      kind: INCIDENT_KINDS_OF_REMINDER.police,
      async run(reminder) {
        const incident = await load(reminder.payload, reminder.kind);
        if (incident === undefined || incident.police !== "called") return;
        const compose = composeIncidentNotice("policeReminder", { at: incident.occurredAt }, (t) => [
          { actionId: INCIDENT_ACTIONS.policeReported, label: t("buttonPoliceReported"), value: incident.id },
        ]);
        await tellMembers(deps, await employerContacts(db, incident), compose, "police report reminder");
      },
    },
  ];
}
