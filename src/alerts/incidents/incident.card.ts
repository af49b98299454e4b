import { DateTime } from "luxon";
import { z } from "zod";
import type { Block, Button, Compose, Live } from "../../chat/index.ts";
import type { Db } from "../../db/database.ts";
import { defineRenderer, type OutboxRenderer } from "../../outbox/index.ts";
import { createFormatters, createTranslator, type Translate } from "../../shared/i18n.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { DEBRIEF_WITHIN_HOURS, mustReportToAuthority, type Incident } from "./incident.ts";
import { loadIncident } from "./incident.repository.ts";
import { incidentMessages, type IncidentKey } from "./incidents.messages.ts";

/** Action ids of incident buttons; the value is the incident id. */
export const INCIDENT_ACTIONS = {
  ack: "incident.ack",
  debriefDone: "incident.debrief-done",
  authorityDone: "incident.authority-done",
  policeReported: "incident.police-reported",
} as const;

/** Who a details message is for: samordning acknowledges, the manager follows up, Socialjouren gets an escalation. */
export type DetailsAudience = "samordning" | "manager" | "socialjouren";

/** The avlastningssamtal deadline of an incident. */
export function debriefDeadline(incident: Pick<Incident, "reportedAt">): Date {
  return DateTime.fromJSDate(incident.reportedAt).plus({ hours: DEBRIEF_WITHIN_HOURS }).toJSDate();
}

/**
 * The facts of a report. The description (only while it is kept) is for the messages recorded in the outbox, whose
 * every copy the purge can take back; an answer in chat (`hot lista`) shows the structured facts only.
 */
export function incidentFacts(
  t: Translate<IncidentKey>,
  incident: Incident,
  reporterName: string,
  dateTime: (d: Date) => string,
  options: { description: boolean } = { description: true },
): { label: string; value: string }[] {
  const facts = [
    { label: t("detailsWhen"), value: dateTime(incident.occurredAt) },
    { label: t("detailsWhere"), value: incident.activityName ?? "–" },
    { label: t("detailsKind"), value: t(`kind.${incident.kind}`) },
    { label: t("detailsSeverity"), value: t(`severity.${incident.severity}`) },
    { label: t("detailsInjuries"), value: t(`injuries.${incident.injuries}`) },
    { label: t("detailsPolice"), value: t(`police.${incident.police}`) },
    { label: t("detailsSupport"), value: incident.supportNeeded ? t("yes") : t("no") },
    { label: t("detailsInvolved"), value: involvedText(t, incident) },
    { label: t("detailsReporter"), value: reporterName },
  ];
  if (options.description) facts.push({ label: t("detailsDescription"), value: incident.description ?? t("detailsPurged") });
  return facts;
}

/** "2 personal, 1 besökare", or "–" when the reporter gave no counts. */
function involvedText(t: Translate<IncidentKey>, incident: Incident): string {
  const parts = [
    ["involved.staff", incident.staffInvolved],
    ["involved.visitors", incident.visitorsInvolved],
    ["involved.others", incident.othersInvolved],
  ] as const;
  const given = parts.filter(([, n]) => n !== null && n > 0).map(([key, n]) => t(key, { n: n! }));
  return given.length > 0 ? given.join(", ") : "–";
}

/** The buttons of the follow-ups still open on an incident. */
function followUpButtons(t: Translate<IncidentKey>, incident: Incident): Button[] {
  const buttons: Button[] = [];
  if (incident.debriefDoneAt === null) buttons.push({ actionId: INCIDENT_ACTIONS.debriefDone, label: t("buttonDebriefDone"), value: incident.id });
  if (mustReportToAuthority(incident) && incident.authorityReportedAt === null) {
    buttons.push({ actionId: INCIDENT_ACTIONS.authorityDone, label: t("buttonAuthorityDone"), value: incident.id, style: "primary" });
  }
  if (incident.police === "called") buttons.push({ actionId: INCIDENT_ACTIONS.policeReported, label: t("buttonPoliceReported"), value: incident.id });
  return buttons;
}

const DETAILS_RENDERER = "alerts.incident-details";
const detailsPayload = z.object({ incidentId: z.uuid(), audience: z.enum(["samordning", "manager", "socialjouren"]), ackMinutes: z.number().int().positive() });

/** Every copy of an incident's details (samordning, managers, Socialjouren) shares this card id: one refresh redraws them all. */
export function incidentDetailsCard(incidentId: string): string {
  return `incident:${incidentId}:details-card`;
}

/**
 * The details as a live card, drawn from the incident row at each send and refresh: once acknowledged the button is
 * gone and every copy says by whom and when; a follow-up marked done loses its button. The outbox stores only the
 * incident id, so no free text sits in a stored message, and a purged description is never drawn again.
 */
export function liveIncidentDetails(incidentId: string, audience: DetailsAudience, ackMinutes: number): Live {
  return { render: DETAILS_RENDERER, payload: { incidentId, audience, ackMinutes } };
}

/** Draws the incident details card from the rows (with the pool, never a transaction). */
export function createIncidentDetailsRenderer(db: Db): OutboxRenderer {
  return defineRenderer({
    name: DETAILS_RENDERER,
    payload: detailsPayload,
    async render({ incidentId, audience, ackMinutes }, to) {
      const incident = await loadIncident(db, incidentId);
      if (incident === undefined) return undefined;
      const names = await findDisplayNames(
        db,
        [incident.reportedBy, incident.acknowledgedBy].filter((id): id is string => id !== null),
      );
      const ackedBy = incident.acknowledgedBy === null ? null : (names.get(incident.acknowledgedBy) ?? "–");
      return drawIncidentDetails(incident, names.get(incident.reportedBy ?? "") ?? "–", ackedBy, audience, ackMinutes)(to);
    },
  });
}

/** The full report, for samordning (with "acknowledge" until someone has), a manager (with the follow-ups) or Socialjouren. */
function drawIncidentDetails(incident: Incident, reporterName: string, ackedBy: string | null, audience: DetailsAudience, ackMinutes: number): Compose {
  return ({ locale, timeZone }) => {
    const t = createTranslator(incidentMessages, locale, timeZone);
    const f = createFormatters(locale, timeZone);
    const intro = {
      samordning: () => t("toSamordning", { minutes: ackMinutes }),
      manager: () => t("toManager", { deadline: debriefDeadline(incident) }),
      socialjouren: () => t("escalatedToJour", { at: incident.occurredAt, minutes: ackMinutes }),
    }[audience]();
    const acknowledged = incident.acknowledgedAt !== null;
    const buttons =
      audience === "samordning"
        ? acknowledged
          ? []
          : [{ actionId: INCIDENT_ACTIONS.ack, label: t("buttonAck"), value: incident.id, style: "primary" as const }]
        : audience === "manager"
          ? followUpButtons(t, incident)
          : [];
    // Socialjouren acts on the facts; the free text and the reporter stay with samordning and the employer.
    const facts = incidentFacts(t, incident, reporterName, (d) => f.dateTime(d)).slice(0, audience === "socialjouren" ? 8 : undefined);
    const blocks: Block[] = [
      { type: "heading", text: t("detailsTitle") },
      { type: "text", text: intro },
      { type: "facts", facts },
    ];
    if (acknowledged) blocks.push({ type: "text", text: t("ackedBy", { name: ackedBy ?? "–", at: incident.acknowledgedAt! }) });
    if (buttons.length > 0) blocks.push({ type: "buttons", buttons });
    return { text: `${t("detailsTitle")}: ${intro}`, blocks };
  };
}

/** A one-line message with optional buttons (reminders, escalations, the neutral channel notice). */
export function composeIncidentNotice(
  key: IncidentKey,
  params: Record<string, string | number | Date>,
  buttons: (t: Translate<IncidentKey>) => Button[] = () => [],
): Compose {
  return ({ locale, timeZone }) => {
    const t = createTranslator(incidentMessages, locale, timeZone);
    const text = t(key, params);
    const list = buttons(t);
    return {
      text,
      blocks:
        list.length > 0
          ? [
              { type: "text", text },
              { type: "buttons", buttons: list },
            ]
          : [{ type: "text", text }],
    };
  };
}
