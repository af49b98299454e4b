import type { Member, Partnership } from "../../partnerships/index.ts";
import { loadIncidentSettings } from "./incident-settings.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole } from "../alerts.directory.ts";
import type { Db } from "../../db/database.ts";
import { composeIncidentNotice, incidentDetailsCard, liveIncidentDetails } from "./incident.card.ts";
import {
  DEBRIEF_REMINDER_AFTER_HOURS,
  INCIDENT_KINDS_OF_REMINDER,
  incidentKeys,
  mustReportToAuthority,
  POLICE_STATUS_AFTER_HOURS,
  type Incident,
  type IncidentReport,
} from "./incident.ts";
import { insertIncident, loadIncident } from "./incident.repository.ts";
import type { Content, Notifier, SendOptions } from "../../chat/index.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { createFormConversations, type FormSession } from "../../forms/index.ts";

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

/** Who the report was recorded for (a reachable identity) and who could not be reached in Samverka at all. */
export interface IncidentRecipients {
  reached: RecipientName[];
  unreached: RecipientName[];
}

/** A recipient by display name and why they get the report. */
export interface RecipientName {
  memberId: string;
  name: string;
  as: "samordning" | "employer";
}

/** Records the details for each member; sorts them into reached (a row was written) and unreached (no identity). */
async function sendDetails(
  notifier: Notifier,
  memberIds: readonly string[],
  content: Content,
  options: SendOptions,
): Promise<{ reached: string[]; unreached: string[] }> {
  const reached: string[] = [];
  const unreached: string[] = [];
  for (const memberId of new Set(memberIds)) ((await notifier.toMember(memberId, content, options)) > 0 ? reached : unreached).push(memberId);
  return { reached, unreached };
}

/**
 * Stores a report of threats or violence and sets everything after it in motion: samordning and the reporter's
 * managers get the report at once, the channel a neutral notice, and the acknowledgement deadline and the
 * follow-ups (avlastningssamtal, Arbetsmiljöverket, police report) become reminder rows. Returns who the report
 * reaches and who it cannot, so the reporter is told the truth.
 */
export async function reportIncident(
  deps: AlertsDeps,
  request: { partnership: Partnership; reporter: Member; report: IncidentReport; session?: FormSession },
): Promise<{ incident: Incident; recipients: IncidentRecipients }> {
  const { db, clock } = deps;
  const { partnership, reporter, report } = request;
  const settings = await loadIncidentSettings(db, partnership.id);
  const now = clock.now();
  // One transaction: the report, its follow-up reminders and every message about it exist together or not at all.
  return deps.transact(async (w) => {
    // A report answered in the conversation is filed with its draft closed: sent twice, the second finds it closed and fails.
    if (request.session !== undefined) await createFormConversations({ db: w.db, clock }).complete(request.session);
    const id = await insertIncident(w.db, {
      ...report,
      partnershipId: partnership.id,
      reportedBy: reporter.id,
      organisationId: reporter.organisationId,
      reportedAt: now,
    });
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
    if (report.police === "called")
      await schedule(incidentKeys.police(id), INCIDENT_KINDS_OF_REMINDER.police, new Date(now.getTime() + POLICE_STATUS_AFTER_HOURS * HOUR_MS));

    const incident = (await loadIncident(w.db, id))!;
    const samordning = await findMembersWithRole(w.db, partnership.id, ["samordning"]);
    const details = { key: incidentKeys.details(id), card: incidentDetailsCard(id) };
    const toSamordning = await sendDetails(w.notifier, samordning, liveIncidentDetails(id, "samordning", settings.ackMinutes), details);
    // Samordning standing in for a missing employer already has the report; the reminders will reach them.
    const employer = (await employerContacts(w.db, incident)).filter((m) => !samordning.includes(m));
    const toEmployer = await sendDetails(w.notifier, employer, liveIncidentDetails(id, "manager", settings.ackMinutes), details);
    if (settings.channelNotice) {
      // Neutral (no organisation, no text), and it claims only the receipt that was recorded.
      const got = {
        samordning: toSamordning.reached.length > 0,
        employer: toEmployer.reached.length > 0 || (employer.length === 0 && toSamordning.reached.length > 0),
      };
      const notice = composeIncidentNotice(
        got.samordning && got.employer
          ? "channelNotice"
          : got.samordning
            ? "channelNoticeSamordning"
            : got.employer
              ? "channelNoticeEmployer"
              : "channelNoticeNobody",
        {},
      );
      const options = { key: `incident:${id}:notice` };
      if ((await w.notifier.toChannels(partnership.id, { purpose: "alerts" }, notice, options)) === 0)
        await w.notifier.toChannels(partnership.id, { purpose: "partnership" }, notice, options);
    }
    const names = await findDisplayNames(w.db, [...samordning, ...employer]);
    const named = (ids: string[], as: RecipientName["as"]) => ids.map((memberId) => ({ memberId, name: names.get(memberId) ?? "–", as }));
    const recipients = {
      reached: [...named(toSamordning.reached, "samordning"), ...named(toEmployer.reached, "employer")],
      unreached: [...named(toSamordning.unreached, "samordning"), ...named(toEmployer.unreached, "employer")],
    };
    return { incident, recipients };
  });
}
