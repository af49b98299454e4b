import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { incidentDetailsCard } from "./incident.card.ts";
import { incidentKeys, type Incident } from "./incident.ts";
import { loadIncident, markAcknowledged, markFollowUpDone, type IncidentFollowUp } from "./incident.repository.ts";

/** What acknowledging or marking a follow-up came to. */
export type IncidentActionOutcome =
  { kind: "done"; incident: Incident } | { kind: "already"; incident: Incident } | { kind: "forbidden" } | { kind: "not_found" };

async function findOwn(deps: AlertsDeps, incidentId: string, member: Member): Promise<Incident | undefined> {
  const incident = await loadIncident(deps.db, incidentId);
  return incident?.partnershipId === member.partnershipId ? incident : undefined;
}

/** Samordning (or an admin) acknowledges the report; the escalation to Socialjouren is called off. */
export async function acknowledgeIncident(deps: AlertsDeps, incidentId: string, member: Member): Promise<IncidentActionOutcome> {
  if (!hasAnyRole(member, ["samordning", "admin"])) return { kind: "forbidden" };
  const incident = await findOwn(deps, incidentId, member);
  if (incident === undefined) return { kind: "not_found" };
  const now = deps.clock.now();
  const done = await deps.transact(async (w) => {
    if (!(await markAcknowledged(w.db, incidentId, member.id, now))) return false;
    await w.reminders.cancel(incidentKeys.ack(incidentId));
    await recordAudit(w.db, {
      partnershipId: incident.partnershipId,
      actorMemberId: member.id,
      action: "incident.acknowledged",
      subjectType: "incident",
      subjectId: incidentId,
      at: now,
    });
    // Every copy (samordning's, Socialjouren's) now says who acknowledged and when, without the button.
    await w.notifier.refreshCard(incidentDetailsCard(incidentId), incident.partnershipId);
    return true;
  });
  if (!done) return { kind: "already", incident };
  return { kind: "done", incident: (await loadIncident(deps.db, incidentId))! };
}

/** Samordning, admins and the organisation's managers mark a follow-up done; its reminders stop. */
export async function markIncidentFollowUp(deps: AlertsDeps, incidentId: string, followUp: IncidentFollowUp, member: Member): Promise<IncidentActionOutcome> {
  const incident = await findOwn(deps, incidentId, member);
  if (incident === undefined) return { kind: "not_found" };
  const employer = hasAnyRole(member, ["manager"]) && member.organisationId !== null && member.organisationId === incident.organisationId;
  if (!employer && !hasAnyRole(member, ["samordning", "admin"])) return { kind: "forbidden" };
  const done = { debrief: incident.debriefDoneAt, authority: incident.authorityReportedAt, police: incident.policeReportedAt }[followUp];
  if (done !== null) return { kind: "already", incident };
  const now = deps.clock.now();
  await deps.transact(async (w) => {
    await markFollowUpDone(w.db, incidentId, followUp, now);
    if (followUp === "debrief") await w.reminders.cancel(incidentKeys.debrief(incidentId));
    if (followUp === "authority") await w.reminders.cancelByPrefix(incidentKeys.authorityPrefix(incidentId));
    if (followUp === "police") await w.reminders.cancel(incidentKeys.police(incidentId));
    await recordAudit(w.db, {
      partnershipId: incident.partnershipId,
      actorMemberId: member.id,
      action: `incident.${followUp}_done`,
      subjectType: "incident",
      subjectId: incidentId,
      at: now,
    });
    // The managers' copies lose the button of the follow-up just done.
    await w.notifier.refreshCard(incidentDetailsCard(incidentId), incident.partnershipId);
  });
  return { kind: "done", incident: (await loadIncident(deps.db, incidentId))! };
}
