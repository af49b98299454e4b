import { DateTime } from "luxon";
import type { FormValues } from "../../chat/inbound.ts";
import type { FormView } from "../../chat/message.ts";
import type { Translate } from "../../shared/i18n.ts";
import { findPersonnummer } from "../../shared/personnummer.ts";
import { INCIDENT_INJURIES, INCIDENT_KINDS, INCIDENT_SEVERITIES, POLICE_STATUSES, type IncidentReport } from "./incident.ts";
import type { IncidentKey } from "./incidents.messages.ts";

/** The form id of a threats-and-violence report. */
const INCIDENT_FORM_ID = "incident.report";
/** Longest description accepted: short on purpose, details belong in the employer's own system. */
const DESCRIPTION_MAX = 500;
const FREE_TEXT_FIELDS = ["description", "time", "date"] as const;
/** The people involved, by role and count: the report never says who. */
const INVOLVED_FIELDS = [
  ["staffInvolved", "staffInvolvedLabel"],
  ["visitorsInvolved", "visitorsInvolvedLabel"],
  ["othersInvolved", "othersInvolvedLabel"],
] as const;
const INVOLVED_MAX = 99;
// A report may be filed a little after the clock the reporter read; a few minutes ahead is not "the future".
const FUTURE_SLACK_MS = 5 * 60_000;

/** An activity the report can be about. */
export interface ActivityChoice {
  id: string;
  name: string;
}

type T = Translate<IncidentKey>;

const choices = <V extends string>(t: T, prefix: "kind" | "severity" | "injuries" | "police", values: readonly V[]) =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}` as IncidentKey) }));

/** The report form; `values` (a refused submission) are put back so nothing typed is lost. */
export function incidentForm(
  t: T,
  context: { activities: readonly ActivityChoice[]; now: Date; timeZone: string; defaultActivityId?: string },
  values: FormValues = {},
  errors?: Record<string, string>,
): FormView {
  const local = DateTime.fromJSDate(context.now, { zone: context.timeZone });
  const pick = (id: string, fallback?: string) => (typeof values[id] === "string" ? values[id] : fallback);
  return {
    formId: INCIDENT_FORM_ID,
    title: t("formTitle"),
    submitLabel: t("submit"),
    state: "",
    intro: t("formIntro"),
    fields: [
      { id: "date", label: t("dateLabel"), kind: "date", required: true, initial: pick("date", local.toISODate()!) },
      { id: "time", label: t("timeLabel"), kind: "text", required: true, initial: pick("time", local.toFormat("HH.mm")), maxLength: 5 },
      { id: "activity", label: t("activityLabel"), kind: "choice", required: true, choices: context.activities.map((a) => ({ value: a.id, label: a.name })), initial: pick("activity", context.defaultActivityId) },
      { id: "kind", label: t("kindLabel"), kind: "choice", required: true, choices: choices(t, "kind", INCIDENT_KINDS), initial: pick("kind") },
      { id: "severity", label: t("severityLabel"), kind: "choice", required: true, choices: choices(t, "severity", INCIDENT_SEVERITIES), initial: pick("severity") },
      { id: "injuries", label: t("injuriesLabel"), kind: "choice", required: true, choices: choices(t, "injuries", INCIDENT_INJURIES), initial: pick("injuries", "none") },
      { id: "police", label: t("policeLabel"), kind: "choice", required: true, choices: choices(t, "police", POLICE_STATUSES), initial: pick("police", "none") },
      { id: "support", label: t("supportLabel"), kind: "yesno", required: true, initial: pick("support") },
      ...INVOLVED_FIELDS.map(([id, label]) => ({
        id,
        label: t(label),
        kind: "number" as const,
        required: false,
        ...(id === "staffInvolved" ? { help: t("involvedHelp") } : {}),
        ...(pick(id) === undefined ? {} : { initial: pick(id)! }),
      })),
      { id: "description", label: t("descriptionLabel"), kind: "multiline", required: true, help: t("descriptionHelp"), maxLength: DESCRIPTION_MAX, initial: pick("description") },
    ],
    ...(errors === undefined ? {} : { errors }),
  };
}

/** Reads a submission: the report, or an error per field. A personal identity number anywhere refuses it all. */
export function readIncidentForm(
  t: T,
  values: FormValues,
  context: { activities: readonly ActivityChoice[]; now: Date; timeZone: string },
): { ok: true; report: IncidentReport } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const text = (id: string): string => {
    const v = values[id];
    const s = (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim();
    if (s === "") errors[id] = t("errorRequired");
    return s;
  };
  const oneOf = <V extends string>(id: string, allowed: readonly V[]): V => {
    const v = text(id);
    if (v !== "" && !allowed.includes(v as V)) errors[id] = t("errorChoice");
    return v as V;
  };

  // Only the typed fields (the number is echoed masked): choices carry ids (UUIDs) whose digit groups could look like a number by chance.
  for (const id of FREE_TEXT_FIELDS) {
    const value = values[id];
    const found = findPersonnummer(Array.isArray(value) ? value.join(" ") : (value ?? ""));
    if (found.length > 0) errors[id] = t("errorPersonnummer", { found: found.map((m) => `${m.text.slice(0, -4)}****`).join(", ") });
  }
  const description = text("description");
  if (description.length > DESCRIPTION_MAX && errors.description === undefined) errors.description = t("errorTooLong", { max: DESCRIPTION_MAX });
  const date = text("date");
  const time = text("time").replace(":", ".");
  const activityId = oneOf("activity", context.activities.map((a) => a.id));
  const report = {
    kind: oneOf("kind", INCIDENT_KINDS),
    severity: oneOf("severity", INCIDENT_SEVERITIES),
    injuries: oneOf("injuries", INCIDENT_INJURIES),
    police: oneOf("police", POLICE_STATUSES),
  };
  const count = (id: string): number | null => {
    const v = values[id];
    const raw = (Array.isArray(v) ? v.join(" ") : (v ?? "")).trim();
    if (raw === "") return null;
    if (!/^\d{1,2}$/.test(raw) || Number(raw) > INVOLVED_MAX) {
      errors[id] = t("errorCount", { max: INVOLVED_MAX });
      return null;
    }
    return Number(raw);
  };
  const involved = { staffInvolved: count("staffInvolved"), visitorsInvolved: count("visitorsInvolved"), othersInvolved: count("othersInvolved") };
  const support = text("support").toLowerCase();
  if (support !== "" && !["yes", "no", "true", "false", "ja", "nej"].includes(support)) errors.support = t("errorChoice");

  let occurredAt: Date | undefined;
  if (date !== "" && !DateTime.fromISO(date).isValid) errors.date = t("errorDate");
  if (time !== "" && !/^([01]?\d|2[0-3])\.[0-5]\d$/.test(time)) errors.time ??= t("errorTime");
  if (errors.date === undefined && errors.time === undefined) {
    const [hour, minute] = time.split(".").map(Number) as [number, number];
    occurredAt = DateTime.fromISO(date, { zone: context.timeZone }).set({ hour, minute }).toJSDate();
    if (occurredAt.getTime() > context.now.getTime() + FUTURE_SLACK_MS) errors.time = t("errorFuture");
  }
  if (Object.keys(errors).length > 0 || occurredAt === undefined) return { ok: false, errors };
  return { ok: true, report: { occurredAt, activityId, ...report, supportNeeded: ["yes", "true", "ja"].includes(support), description, ...involved } };
}
