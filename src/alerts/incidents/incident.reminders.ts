import { defineReminder, type ReminderHandler } from "../../app/feature.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { composeIncidentNotice, debriefDeadline, INCIDENT_ACTIONS, incidentDetailsCard, liveIncidentDetails } from "./incident.card.ts";
import { INCIDENT_KINDS_OF_REMINDER, incidentKeys, nextAuthorityReminder } from "./incident.ts";
import { authorityReminderPayload, incidentReminderPayload } from "./incident.jobs.ts";
import { loadIncident, markEscalated } from "./incident.repository.ts";
import { employerContacts } from "./report-incident.ts";
import { loadIncidentSettings } from "./incident-settings.ts";

/** The reminder handlers of incidents; each re-reads the incident and does nothing once its follow-up is done. */
export function createIncidentReminderHandlers(deps: AlertsDeps): ReminderHandler[] {
  const { db } = deps;
  const timeZoneOf = async (partnershipId: string): Promise<string> =>
    (await db.selectFrom("partnerships").where("id", "=", partnershipId).select("time_zone").executeTakeFirstOrThrow()).time_zone;

  return [
    defineReminder({
      kind: INCIDENT_KINDS_OF_REMINDER.ackEscalation,
      payload: incidentReminderPayload,
      async run(_reminder, { incidentId }) {
        const incident = await loadIncident(db, incidentId);
        if (incident === undefined) return;
        const now = deps.clock.now();
        const settings = await loadIncidentSettings(db, incident.partnershipId);
        await deps.transact(async (w) => {
          if (!(await markEscalated(w.db, incident.id, now))) return;
          const jour = await findMembersWithRole(w.db, incident.partnershipId, ["socialjouren"]);
          const key = `incident:${incident.id}:escalation`;
          const reached = await tellMembers(
            w.notifier,
            jour,
            liveIncidentDetails(incident.id, "socialjouren", settings.ackMinutes),
            incidentKeys.escalationDetails(incident.id),
            incidentDetailsCard(incident.id),
          );
          const samordning = await findMembersWithRole(w.db, incident.partnershipId, ["samordning"]);
          // Told the truth: when Socialjouren has no reachable identity, samordning is asked to phone them.
          const notice = composeIncidentNotice(reached > 0 ? "escalatedToSamordning" : "escalationUnreached", {}, (t) => [
            { actionId: INCIDENT_ACTIONS.ack, label: t("buttonAck"), value: incident.id, style: "primary" },
          ]);
          await tellMembers(w.notifier, samordning, notice, `${key}:notice`);
          await recordAudit(w.db, {
            partnershipId: incident.partnershipId,
            actorMemberId: null,
            action: "incident.escalated",
            subjectType: "incident",
            subjectId: incident.id,
            details: { to: "socialjouren", reached },
            at: now,
          });
        });
      },
    }),
    defineReminder({
      kind: INCIDENT_KINDS_OF_REMINDER.debrief,
      payload: incidentReminderPayload,
      async run(_reminder, { incidentId }) {
        const incident = await loadIncident(db, incidentId);
        if (incident === undefined || incident.debriefDoneAt !== null) return;
        const compose = composeIncidentNotice("debriefReminder", { at: incident.occurredAt, deadline: debriefDeadline(incident) }, (t) => [
          { actionId: INCIDENT_ACTIONS.debriefDone, label: t("buttonDebriefDone"), value: incident.id },
        ]);
        await tellMembers(deps.notifier, await employerContacts(db, incident), compose, `incident:${incident.id}:debrief-reminder`);
      },
    }),
    defineReminder({
      kind: INCIDENT_KINDS_OF_REMINDER.authority,
      payload: authorityReminderPayload,
      async run(_reminder, { incidentId, n }) {
        const incident = await loadIncident(db, incidentId);
        if (incident === undefined || incident.authorityReportedAt !== null) return;
        const compose = composeIncidentNotice("authorityReminder", { at: incident.occurredAt }, (t) => [
          { actionId: INCIDENT_ACTIONS.authorityDone, label: t("buttonAuthorityDone"), value: incident.id, style: "primary" },
        ]);
        const dueAt = nextAuthorityReminder(deps.clock.now(), await timeZoneOf(incident.partnershipId));
        await deps.transact(async (w) => {
          await tellMembers(w.notifier, await employerContacts(w.db, incident), compose, `incident:${incident.id}:authority-reminder:${n}`);
          // Repeated until marked done: each repetition is its own row, so a done one is never re-armed by mistake.
          await w.reminders.schedule({
            key: incidentKeys.authority(incidentId, n + 1),
            kind: INCIDENT_KINDS_OF_REMINDER.authority,
            partnershipId: incident.partnershipId,
            dueAt,
            payload: { incidentId, n: n + 1 },
          });
        });
      },
    }),
    defineReminder({
      kind: INCIDENT_KINDS_OF_REMINDER.police,
      payload: incidentReminderPayload,
      async run(_reminder, { incidentId }) {
        const incident = await loadIncident(db, incidentId);
        if (incident === undefined || incident.police !== "called") return;
        const compose = composeIncidentNotice("policeReminder", { at: incident.occurredAt }, (t) => [
          { actionId: INCIDENT_ACTIONS.policeReported, label: t("buttonPoliceReported"), value: incident.id },
        ]);
        await tellMembers(deps.notifier, await employerContacts(db, incident), compose, `incident:${incident.id}:police-reminder`);
      },
    }),
  ];
}
