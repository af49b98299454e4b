import type { Block, Button } from "../../chat/message.ts";
import type { Compose } from "../../chat/notifier.ts";
import { createTranslator, type Translate } from "../../shared/i18n.ts";
import { totalExtraPlaces, type ColdNightAlert, type LadderRung, type ShelterResponse } from "./cold-night.ts";
import { coldNightMessages, type ColdNightKey } from "./cold-nights.messages.ts";

type T = Translate<ColdNightKey>;

/** Action ids of cold-night buttons; the value is `<alertId>:<activityId>` (or the alert id, or `<night>|<°C>`). */
export const COLD_NIGHT_ACTIONS = {
  open: "coldnight.open",
  full: "coldnight.full",
  cannot: "coldnight.cannot",
  close: "coldnight.close",
  followUp: "coldnight.followup",
  declare: "coldnight.declare",
} as const;

// Two blocks a shelter: past this many the card would outgrow a Slack message (50 blocks), so staff answer in their DMs.
const MAX_SHELTER_ROWS = 15;

/** The value carried by a shelter's buttons. */
export function shelterValue(alertId: string, activityId: string): string {
  return `${alertId}:${activityId}`;
}

/** Reads a shelter button's value back; undefined when it is not one. */
export function parseShelterValue(value: string): { alertId: string; activityId: string } | undefined {
  const [alertId, activityId, ...rest] = value.split(":");
  return alertId !== undefined && activityId !== undefined && rest.length === 0 && isUuid(alertId) && isUuid(activityId)
    ? { alertId, activityId }
    : undefined;
}

/** Whether `value` is a UUID, as every alert and activity id is; button values come from outside. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** The three answers a shelter can give, as buttons. */
function shelterButtons(t: T, alertId: string, activityId: string): Button[] {
  const value = shelterValue(alertId, activityId);
  return [
    { actionId: COLD_NIGHT_ACTIONS.open, label: t("buttonOpen"), value, style: "primary" },
    { actionId: COLD_NIGHT_ACTIONS.full, label: t("buttonFull"), value },
    { actionId: COLD_NIGHT_ACTIONS.cannot, label: t("buttonCannot"), value, style: "danger" },
  ];
}

function statusOf(t: T, r: ShelterResponse, names: ReadonlyMap<string, string>): string {
  const by = r.answeredBy === null ? "" : (names.get(r.answeredBy) ?? "");
  const answer =
    r.answer === "opening"
      ? t("statusOpening", { n: r.extraPlaces, by })
      : r.answer === "full"
        ? t("statusFull", { by })
        : r.answer === "cannot"
          ? t("statusCannot", { by })
          : t("statusPending");
  return r.placesUsed === null ? answer : `${answer}; ${t("statusUsed", { used: r.placesUsed, away: r.turnedAway ?? 0 })}`;
}

/** The channel card: one row per shelter, a running total, and each shelter's buttons while the alert is open. */
export function composeCard(alert: ColdNightAlert, names: ReadonlyMap<string, string>): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createTranslator(coldNightMessages, locale, timeZone);
    const total = totalExtraPlaces(alert.responses);
    const by = alert.declaredBy === null ? "Samverka" : (names.get(alert.declaredBy) ?? "");
    const intro = [t("cardDeclared", { by, at: alert.declaredAt })];
    if (alert.temperatureC !== null) intro.push(t("cardTemperature", { c: alert.temperatureC }));
    const blocks: Block[] = [
      { type: "heading", text: t("cardTitle", { night: alert.night }) },
      { type: "text", text: intro.join(" ") },
      { type: "facts", facts: alert.responses.map((r) => ({ label: `${r.shelterName} (${r.organisationName})`, value: statusOf(t, r, names) })) },
      { type: "text", text: t("cardTotal", { n: total }) },
    ];
    if (alert.status === "open") {
      if (alert.responses.length <= MAX_SHELTER_ROWS) {
        for (const r of alert.responses) {
          blocks.push({ type: "text", text: r.shelterName }, { type: "buttons", buttons: shelterButtons(t, alert.id, r.activityId) });
        }
      } else {
        blocks.push({ type: "text", text: t("cardAnswerInDirect") });
      }
      blocks.push({ type: "divider" }, { type: "buttons", buttons: [{ actionId: COLD_NIGHT_ACTIONS.close, label: t("buttonClose"), value: alert.id }] });
    } else {
      const closedBy = alert.closedBy === null ? undefined : names.get(alert.closedBy);
      blocks.push({ type: "text", text: closedBy === undefined ? t("cardClosedAuto", { at: alert.closedAt! }) : t("cardClosed", { by: closedBy, at: alert.closedAt! }) });
      const reported = alert.responses.filter((r) => r.placesUsed !== null);
      if (reported.length > 0) {
        const used = reported.reduce((s, r) => s + (r.placesUsed ?? 0), 0);
        const away = reported.reduce((s, r) => s + (r.turnedAway ?? 0), 0);
        blocks.push({ type: "text", text: t("cardFollowUp", { used, away }) });
      }
    }
    return { text: `${t("cardTitle", { night: alert.night })}: ${t("cardTotal", { n: total })}`, blocks };
  };
}

/** A direct message asking (or reminding) about one shelter, with that shelter's buttons. */
export function composeShelterPrompt(
  alert: ColdNightAlert,
  shelter: ShelterResponse,
  rung: LadderRung | "prompt",
  declaredByName: string,
): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createTranslator(coldNightMessages, locale, timeZone);
    const params = { night: alert.night, shelter: shelter.shelterName, org: shelter.organisationName, at: alert.declaredAt, by: declaredByName };
    const key = rung === "prompt" ? "promptStaff" : rung === "staff" ? "stepStaff" : rung === "coordinator" ? "stepCoordinator" : "stepSamordning";
    const text = t(key, params);
    return {
      text,
      blocks: [
        { type: "heading", text: t("cardTitle", { night: alert.night }) },
        { type: "text", text },
        { type: "buttons", buttons: shelterButtons(t, alert.id, shelter.activityId) },
      ],
    };
  };
}

/** The morning question to a shelter: how many extra places were used and how many people were turned away. */
export function composeFollowUpRequest(alert: ColdNightAlert, shelter: ShelterResponse, round: "first" | "again"): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createTranslator(coldNightMessages, locale, timeZone);
    const text = t(round === "first" ? "followUpAsk" : "followUpAskAgain", { night: alert.night, shelter: shelter.shelterName });
    return {
      text,
      blocks: [
        { type: "text", text },
        { type: "buttons", buttons: [{ actionId: COLD_NIGHT_ACTIONS.followUp, label: t("buttonFollowUp"), value: shelterValue(alert.id, shelter.activityId), style: "primary" }] },
      ],
    };
  };
}
