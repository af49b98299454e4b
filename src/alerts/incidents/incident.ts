import { DateTime } from "luxon";

export const INCIDENT_KINDS = ["threat", "violence", "both"] as const;
export const INCIDENT_SEVERITIES = ["minor", "moderate", "serious_incident"] as const;
export const INCIDENT_INJURIES = ["none", "minor", "serious"] as const;
export const POLICE_STATUSES = ["none", "called", "reported"] as const;

export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type IncidentInjuries = (typeof INCIDENT_INJURIES)[number];
export type PoliceStatus = (typeof POLICE_STATUSES)[number];

/** What a reporter tells about a threat or violence; people appear by role only. */
export interface IncidentReport {
  occurredAt: Date;
  activityId: string;
  kind: IncidentKind;
  severity: IncidentSeverity;
  injuries: IncidentInjuries;
  police: PoliceStatus;
  supportNeeded: boolean;
  description: string;
  /** How many people were involved, by role (never who); null when not given. */
  staffInvolved: number | null;
  visitorsInvolved: number | null;
  othersInvolved: number | null;
}

/** A stored incident as the follow-ups and the details view read it. */
export interface Incident extends Omit<IncidentReport, "description" | "activityId"> {
  id: string;
  partnershipId: string;
  reportedBy: string | null;
  organisationId: string | null;
  activityId: string | null;
  activityName: string | null;
  organisationName: string | null;
  reportedAt: Date;
  /** Null once purged after the retention period. */
  description: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  debriefDoneAt: Date | null;
  authorityReportedAt: Date | null;
  policeReportedAt: Date | null;
}

/** The reminder kinds of incidents. */
export const INCIDENT_KINDS_OF_REMINDER = {
  ackEscalation: "incident.ack-escalation",
  debrief: "incident.debrief",
  authority: "incident.authority",
  police: "incident.police",
} as const;

/** Deterministic reminder keys of an incident's follow-ups. */
export const incidentKeys = {
  ack: (id: string) => `incident:${id}:ack`,
  debrief: (id: string) => `incident:${id}:debrief`,
  authorityPrefix: (id: string) => `incident:${id}:authority-`,
  authority: (id: string, n: number) => `incident:${id}:authority-${n}`,
  police: (id: string) => `incident:${id}:police`,
  /** Outbox keys of the messages that carry an incident's details: the report and the escalation to Socialjouren. */
  details: (id: string) => `incident:${id}:details`,
  escalationDetails: (id: string) => `incident:${id}:escalation:details`,
  detailsPrefixes: (id: string) => [`incident:${id}:details`, `incident:${id}:escalation:details`],
  /** Outbox keys of the rows that take the delivered copies back at the retention deadline. */
  retracted: (id: string) => `incident:${id}:retracted`,
};

/** The avlastningssamtal is due within 24 hours; the reminder comes four hours before. */
export const DEBRIEF_WITHIN_HOURS = 24;
export const DEBRIEF_REMINDER_AFTER_HOURS = 20;
/** When the police were called, the police-report status is asked for a day later. */
export const POLICE_STATUS_AFTER_HOURS = 24;
/** Reminders to report to Arbetsmiljöverket repeat this often, within working hours. */
const AUTHORITY_REPEAT_HOURS = 2;
const WORKDAY_STARTS = 8;
const WORKDAY_ENDS = 20;

/** Serious incidents and serious injuries must be reported to Arbetsmiljöverket the same day (AML 3 kap. 3 a §). */
export function mustReportToAuthority(report: Pick<IncidentReport, "severity" | "injuries">): boolean {
  return report.severity === "serious_incident" || report.injuries === "serious";
}

/** The next reminder to report to Arbetsmiljöverket: in two hours, but never between 20.00 and 08.00 local time. */
export function nextAuthorityReminder(now: Date, timeZone: string): Date {
  const candidate = DateTime.fromJSDate(now, { zone: timeZone }).plus({ hours: AUTHORITY_REPEAT_HOURS });
  if (candidate.hour >= WORKDAY_STARTS && candidate.hour < WORKDAY_ENDS) return candidate.toJSDate();
  const morning = candidate.hour < WORKDAY_STARTS ? candidate : candidate.plus({ days: 1 });
  return morning.set({ hour: WORKDAY_STARTS, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
