import { DateTime } from "luxon";
import type { Block, Button, Compose } from "../../chat/index.ts";
import type { Translate } from "../../shared/i18n.ts";
import { totalExtraPlaces, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { coldNightMessages, type ColdNightKey } from "./cold-nights.messages.ts";
import { totalsOf, type BedBoard } from "../beds/bed-board.ts";
import { bedsMessages } from "../beds/beds.messages.ts";
import { createNightTranslator } from "./night-name.ts";
import { shelterLabel } from "../shelter-label.ts";
import { isUuid } from "../../shared/uuid.ts";

type T = Translate<ColdNightKey>;

/** Action ids of cold-night buttons; the value is `<alertId>:<activityId>` (or the alert id, or `<night>|<°C>`). */
export const COLD_NIGHT_ACTIONS = {
  open: "coldnight.open",
  full: "coldnight.full",
  cannot: "coldnight.cannot",
  close: "coldnight.close",
  followUp: "coldnight.followup",
  declare: "coldnight.declare",
  acknowledge: "coldnight.acknowledge",
  restart: "coldnight.restart",
} as const;

/** Who a copy of the card is for: which shelters' answer buttons it shows, whether samordning's, and why it came. */
export interface CardView {
  /** Shelters whose answer buttons this copy shows; "all" on the channel card. */
  answerable: "all" | ReadonlySet<string>;
  /** Whether the copy has samordning's buttons (acknowledge, restart, close). */
  samordning: boolean;
  /** Above the card: why this person got it (a prompt, a reminder, an escalation). */
  notice?: string;
  /** Tonight's bed board, shown as a block: free places per shelter and in total. */
  beds?: BedBoard;
}

/** The channel card: every shelter's buttons and samordning's; the use cases check who may press them. */
export const CHANNEL_VIEW: CardView = { answerable: "all", samordning: true };

// Two blocks a shelter: past this many the card would outgrow a Slack message (50 blocks), so staff answer in their DMs.
const MAX_SHELTER_ROWS = 15;

/** The value carried by a shelter's buttons. */
export function shelterValue(alertId: string, activityId: string): string {
  return `${alertId}:${activityId}`;
}

/** Reads a shelter button's value back; undefined when it is not one. */
export function parseShelterValue(value: string): { alertId: string; activityId: string } | undefined {
  const [alertId, activityId, ...rest] = value.split(":");
  return alertId !== undefined && activityId !== undefined && rest.length === 0 && isUuid(alertId) && isUuid(activityId) ? { alertId, activityId } : undefined;
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
      ? r.extraPlacesWomen > 0
        ? `${t("statusOpening", { n: r.extraPlaces, by })}, ${t("statusWomen", { n: r.extraPlacesWomen })}`
        : t("statusOpening", { n: r.extraPlaces, by })
      : r.answer === "full"
        ? t("statusFull", { by })
        : r.answer === "cannot"
          ? t("statusCannot", { by })
          : t("statusPending");
  return r.placesUsed === null ? answer : `${answer}; ${t("statusUsed", { used: r.placesUsed, away: r.turnedAway ?? 0 })}`;
}

/**
 * Whether the alert's night is the one people call "i natt" at `now`: from the previous night's close (the morning
 * of the alert's date) until its own. A card for a night further ahead names that night instead.
 */
function isTonight(alert: Pick<ColdNightAlert, "closesAt">, now: Date, timeZone: string): boolean {
  const previousClose = DateTime.fromJSDate(alert.closesAt, { zone: timeZone }).minus({ days: 1 }).toJSDate();
  return now >= previousClose && now < alert.closesAt;
}

/** The card at `now`: one row per shelter, a running total, and (while open) the buttons the copy's reader may press. */
export function composeCard(alert: ColdNightAlert, names: ReadonlyMap<string, string>, now: Date, view: CardView = CHANNEL_VIEW): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createNightTranslator(coldNightMessages, locale, timeZone);
    const total = totalExtraPlaces(alert.responses);
    // Both totals say "i natt" for tonight only; any other night is named (the translator says it with its weekday).
    const which: { night?: string } = isTonight(alert, now, timeZone) ? {} : { night: alert.night };
    const by = alert.declaredBy === null ? "Samverka" : (names.get(alert.declaredBy) ?? "");
    const intro = [t("cardDeclared", { by, at: alert.declaredAt })];
    if (alert.temperatureC !== null) intro.push(t("cardTemperature", { c: alert.temperatureC }));
    const blocks: Block[] = [
      { type: "heading", text: t("cardTitle", { night: alert.night }) },
      ...(view.notice === undefined ? [] : [{ type: "text" as const, text: view.notice }]),
      { type: "text", text: intro.join(" ") },
      {
        type: "facts",
        facts: alert.responses.map((r) => ({
          label: shelterLabel(r),
          value: withBeds(statusOf(t, r, names), r.activityId, view.beds, locale, timeZone),
        })),
      },
      { type: "text", text: t("cardTotal", { n: total, ...which }) },
    ];
    if (view.beds !== undefined && view.beds.shelters.length > 0) {
      const beds = totalsOf(view.beds);
      const b = createNightTranslator(bedsMessages, locale, timeZone);
      blocks.push({
        type: "text",
        text: b("coldNightBlock", { free: beds.free, places: beds.places, reported: beds.reported, shelters: beds.shelters, extra: beds.extra, ...which }),
      });
    }
    if (alert.status === "open") {
      if (alert.acknowledgedAt !== null) {
        blocks.push({ type: "text", text: t("cardAcknowledged", { by: names.get(alert.acknowledgedBy ?? "") ?? "", at: alert.acknowledgedAt }) });
      }
      const answerable = alert.responses.filter((r) => view.answerable === "all" || view.answerable.has(r.activityId));
      if (answerable.length <= MAX_SHELTER_ROWS) {
        for (const r of answerable) {
          blocks.push({ type: "text", text: r.shelterName }, { type: "buttons", buttons: shelterButtons(t, alert.id, r.activityId) });
        }
      } else {
        blocks.push({ type: "text", text: t("cardAnswerInDirect") });
      }
      if (view.samordning) blocks.push({ type: "divider" }, { type: "buttons", buttons: samordningButtons(t, alert) });
    } else {
      const closedBy = alert.closedBy === null ? undefined : names.get(alert.closedBy);
      blocks.push({
        type: "text",
        text: closedBy === undefined ? t("cardClosedAuto", { at: alert.closedAt! }) : t("cardClosed", { by: closedBy, at: alert.closedAt! }),
      });
      const reported = alert.responses.filter((r) => r.placesUsed !== null);
      if (reported.length > 0) {
        const used = reported.reduce((s, r) => s + (r.placesUsed ?? 0), 0);
        const away = reported.reduce((s, r) => s + (r.turnedAway ?? 0), 0);
        blocks.push({ type: "text", text: t("cardFollowUp", { used, away }) });
      }
    }
    const totalLine = t("cardTotal", { n: total, ...which });
    const summary = `${t("cardTitle", { night: alert.night })}: ${totalLine}`;
    return { text: view.notice === undefined ? summary : `${view.notice} ${totalLine}`, blocks };
  };
}

// A shelter that reported its free places tonight shows them next to its answer.
function withBeds(status: string, activityId: string, board: BedBoard | undefined, locale: "sv" | "en", timeZone: string): string {
  const beds = board?.shelters.find((s) => s.activityId === activityId);
  if (beds === undefined || beds.free === null) return status;
  const b = createNightTranslator(bedsMessages, locale, timeZone);
  return `${status}; ${b("freeLine", { free: beds.free, ...(beds.freeWomen === null || beds.placesWomen === 0 ? {} : { freeWomen: beds.freeWomen }) })}`;
}

// Acknowledge while nobody has; restart while a shelter is still silent; close always.
function samordningButtons(t: T, alert: ColdNightAlert): Button[] {
  const buttons: Button[] = [];
  const silent = alert.responses.some((r) => r.answer === "pending");
  if (alert.acknowledgedAt === null && silent)
    buttons.push({ actionId: COLD_NIGHT_ACTIONS.acknowledge, label: t("buttonAcknowledge"), value: alert.id, style: "primary" });
  if (silent) buttons.push({ actionId: COLD_NIGHT_ACTIONS.restart, label: t("buttonRestart"), value: alert.id });
  buttons.push({ actionId: COLD_NIGHT_ACTIONS.close, label: t("buttonClose"), value: alert.id });
  return buttons;
}

/** The morning question to a shelter: how many extra places were used and how many people were turned away. */
export function composeFollowUpRequest(alert: ColdNightAlert, shelter: ShelterResponse, round: "first" | "again"): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createNightTranslator(coldNightMessages, locale, timeZone);
    const text = t(round === "first" ? "followUpAsk" : "followUpAskAgain", { night: alert.night, shelter: shelter.shelterName });
    return {
      text,
      blocks: [
        { type: "text", text },
        // On a phone, writing the figure in reply is quicker than a form: it starts the same questions in the chat.
        { type: "text", text: t("followUpReplyHint") },
        {
          type: "buttons",
          buttons: [{ actionId: COLD_NIGHT_ACTIONS.followUp, label: t("buttonFollowUp"), value: shelterValue(alert.id, shelter.activityId), style: "primary" }],
        },
      ],
    };
  };
}
