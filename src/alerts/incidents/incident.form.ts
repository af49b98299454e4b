import { DateTime } from "luxon";
import type { FormValues, FormView } from "../../chat/index.ts";
import { bothLanguages, readFormValues, renderFormView, typedAnswers, type Answers, type FormDefinition } from "../../forms/index.ts";
import { createTranslator, type Locale } from "../../shared/i18n.ts";
import { INCIDENT_INJURIES, INCIDENT_KINDS, INCIDENT_SEVERITIES, POLICE_STATUSES, type IncidentReport } from "./incident.ts";
import { incidentMessages, type IncidentKey } from "./incidents.messages.ts";

/** The form id of a threats-and-violence report in one view (Slack modal, Teams card). */
export const INCIDENT_FORM_ID = "incident.report";
/** Longest description accepted: short on purpose, details belong in the employer's own system. */
const DESCRIPTION_MAX = 500;
const INVOLVED_MAX = 99;
// A report may be filed a little after the clock the reporter read; a few minutes ahead is not "the future".
const FUTURE_SLACK_MS = 5 * 60_000;

/** An activity the report can be about. */
export interface ActivityChoice {
  id: string;
  name: string;
}

/** Where a report is made: the activities it can be about, the time now, the partnership's zone. */
export interface IncidentFormContext {
  activities: readonly ActivityChoice[];
  now: Date;
  timeZone: string;
}

// Labels take no parameters, so one translator per language serves every definition.
const { both } = bothLanguages(incidentMessages);
const choices = (prefix: "kind" | "severity" | "injuries" | "police", values: readonly string[]) =>
  values.map((value) => ({ value, label: both(`${prefix}.${value}` as IncidentKey) }));
/** The people involved, by role and count: the report never says who. */
const involved = (id: string, label: IncidentKey, help?: IncidentKey) =>
  ({
    id,
    label: both(label),
    ...(help === undefined ? {} : { help: both(help) }),
    type: "integer",
    min: 0,
    max: INVOLVED_MAX,
    required: false,
    total: "sum",
  }) as const;

/**
 * The report as one form definition: the conversation ("hot", one question at a time) and the one-view form run on
 * it, so both refuse a personnummer, a name or a bad answer the same way.
 */
export function incidentDefinition(activities: readonly ActivityChoice[]): FormDefinition {
  return {
    id: "incident-report",
    title: both("formTitle"),
    fields: [
      { id: "date", label: both("dateLabel"), type: "date", required: true },
      { id: "time", label: both("timeLabel"), type: "time", required: true },
      {
        id: "activity",
        label: both("activityLabel"),
        type: "choice",
        required: true,
        choices: activities.map((a) => ({ value: a.id, label: { sv: a.name, en: a.name } })),
      },
      { id: "kind", label: both("kindLabel"), type: "choice", required: true, choices: choices("kind", INCIDENT_KINDS) },
      { id: "severity", label: both("severityLabel"), type: "choice", required: true, choices: choices("severity", INCIDENT_SEVERITIES) },
      { id: "injuries", label: both("injuriesLabel"), type: "choice", required: true, choices: choices("injuries", INCIDENT_INJURIES) },
      { id: "police", label: both("policeLabel"), type: "choice", required: true, choices: choices("police", POLICE_STATUSES) },
      { id: "support", label: both("supportLabel"), type: "yesno", required: true },
      involved("staff_involved", "staffInvolvedLabel", "involvedHelp"),
      involved("visitors_involved", "visitorsInvolvedLabel"),
      involved("others_involved", "othersInvolvedLabel"),
      {
        id: "description",
        label: both("descriptionLabel"),
        help: both("descriptionHelp"),
        type: "text",
        required: true,
        maxLength: DESCRIPTION_MAX,
        multiline: true,
      },
    ],
    checks: [],
  };
}

/** What a new report starts from: now, in the partnership's zone; the reporter's own activity; no injuries, no police. */
export function incidentDefaults(context: Pick<IncidentFormContext, "now" | "timeZone">, ownActivityId?: string): Answers {
  const local = DateTime.fromJSDate(context.now, { zone: context.timeZone });
  return {
    date: local.toISODate(),
    time: local.toFormat("HH.mm"),
    ...(ownActivityId === undefined ? {} : { activity: ownActivityId }),
    injuries: "none",
    police: "none",
  };
}

/**
 * Turns answers the engine accepted into a report; refuses a time in the future (which only the report knows to
 * check) on the time field, in the reporter's language.
 */
export function readIncident(
  answers: Answers,
  context: Pick<IncidentFormContext, "now" | "timeZone">,
  locale: Locale,
): { ok: true; report: IncidentReport } | { ok: false; field: string; error: string } {
  const [hour, minute] = String(answers.time).split(".").map(Number) as [number, number];
  const occurredAt = DateTime.fromISO(String(answers.date), { zone: context.timeZone }).set({ hour, minute }).toJSDate();
  if (occurredAt.getTime() > context.now.getTime() + FUTURE_SLACK_MS)
    return { ok: false, field: "time", error: createTranslator(incidentMessages, locale)("errorFuture") };
  const count = (id: string) => (typeof answers[id] === "number" ? answers[id] : null);
  return {
    ok: true,
    report: {
      occurredAt,
      activityId: String(answers.activity),
      kind: answers.kind as IncidentReport["kind"],
      severity: answers.severity as IncidentReport["severity"],
      injuries: answers.injuries as IncidentReport["injuries"],
      police: answers.police as IncidentReport["police"],
      supportNeeded: answers.support === true,
      description: String(answers.description),
      staffInvolved: count("staff_involved"),
      visitorsInvolved: count("visitors_involved"),
      othersInvolved: count("others_involved"),
    },
  };
}

/** The report as one view; `answers` (a refused submission, or the defaults) are put back so nothing typed is lost. */
export function incidentFormView(locale: Locale, activities: readonly ActivityChoice[], answers: Answers, errors?: Record<string, string>): FormView {
  const t = createTranslator(incidentMessages, locale);
  const frame = { formId: INCIDENT_FORM_ID, title: t("formTitle"), submitLabel: t("submit"), state: "", intro: t("formIntro") };
  return renderFormView(incidentDefinition(activities), answers, locale, frame, errors);
}

/** Reads a one-view submission with the engine's rules, then the report's own: the report, or errors and what was typed. */
export function readIncidentForm(
  values: FormValues,
  context: IncidentFormContext,
  locale: Locale,
): { ok: true; report: IncidentReport; answers: Answers } | { ok: false; errors: Record<string, string>; answers: Answers } {
  const reading = readFormValues(incidentDefinition(context.activities), values, locale);
  if (!reading.ok) return { ok: false, errors: reading.errors, answers: typedAnswers(values, reading) };
  const read = readIncident(reading.answers, context, locale);
  if (!read.ok) return { ok: false, errors: { [read.field]: read.error }, answers: typedAnswers(values, reading) };
  return { ok: true, report: read.report, answers: reading.answers };
}
