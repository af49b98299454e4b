import type { FormView } from "../../chat/index.ts";
import { bothLanguages, renderFormView, type Answers, type FormDefinition } from "../../forms/index.ts";
import { createTranslator, type Locale } from "../../shared/i18n.ts";
import type { ColdNightAlert, ShelterResponse } from "./cold-night.ts";
import { rungOf } from "./escalation-ladder.ts";
import { shelterValue } from "./cold-night.card.ts";
import { coldNightMessages, type ColdNightKey } from "./cold-nights.messages.ts";
import { createNightTranslator } from "./night-name.ts";
import { shelterLabel } from "../shelter-label.ts";

/** Form ids of cold nights; the state is the shelter value `<alertId>:<activityId>` (the restart's: the alert id). */
export const COLD_NIGHT_FORMS = { places: "coldnight.places", followUp: "coldnight.followup", restart: "coldnight.restart" } as const;

// Far above any real night (the seed's three shelters have 115 places in all), low enough to catch a slipped key.
const PLACES_MAX = 1000;
const TURNED_AWAY_MAX = 10_000;

// Labels take no parameters, so one translator per language serves every definition.
const { both } = bothLanguages(coldNightMessages);
const count = (id: string, label: ColdNightKey, short: ColdNightKey, min: number, max: number, required: boolean) =>
  ({ id, label: both(label), short: both(short), type: "integer", min, max, required, total: "sum" }) as const;

/**
 * "How many extra places do you open tonight, and how many of them for women?" At least one: a shelter opening none
 * answers Fullt or Kan inte. Never more for women than in all.
 */
export function placesDefinition(): FormDefinition {
  return {
    id: "coldnight-places",
    title: both("placesFormTitle"),
    fields: [
      { ...count("places", "placesLabel", "placesShort", 1, PLACES_MAX, true), help: both("placesHelp") },
      count("women", "placesWomenLabel", "placesWomenShort", 0, PLACES_MAX, false),
    ],
    checks: [{ kind: "atMost", field: "women", max: "places" }],
  };
}

/**
 * "How many extra places were used, and how many people were turned away?" No check against the evening's offer:
 * that was a plan made hours before, and a shelter that put out more mattresses when the night got colder must be
 * able to say so (the figure goes into the partnership's report).
 */
export function followUpDefinition(): FormDefinition {
  return {
    id: "coldnight-followup",
    title: both("followUpFormTitle"),
    fields: [
      count("used", "followUpUsedLabel", "followUpUsedShort", 0, PLACES_MAX, true),
      count("away", "followUpTurnedAwayLabel", "followUpTurnedAwayShort", 0, TURNED_AWAY_MAX, true),
    ],
    checks: [],
  };
}

/** "Restart the escalation for which shelter, from which step?": the shelters still silent, the ladder's steps. */
export function restartDefinition(alert: ColdNightAlert, steps: number): FormDefinition {
  const silent = alert.responses.filter((r) => r.answer === "pending");
  const step = (n: number) => ({ value: String(n), label: { sv: stepLabel("sv", n), en: stepLabel("en", n) } });
  return {
    id: "coldnight-restart",
    title: both("restartFormTitle"),
    fields: [
      {
        id: "shelter",
        label: both("restartShelterLabel"),
        type: "choice",
        required: true,
        choices: silent.map((r) => ({ value: r.activityId, label: { sv: shelterLabel(r), en: shelterLabel(r) } })),
      },
      { id: "step", label: both("restartStepLabel"), type: "choice", required: true, choices: Array.from({ length: steps }, (_, i) => step(i + 1)) },
    ],
    checks: [],
  };
}

function stepLabel(locale: Locale, step: number): string {
  const t = createTranslator(coldNightMessages, locale);
  return t("restartStep", { step: String(step), rung: t(`rung.${rungOf(step)}`) });
}

/** What the places form starts from: the shelter's answer, when it already opens places (a later answer replaces it). */
export function placesAnswers(shelter: ShelterResponse): Answers {
  if (shelter.answer !== "opening") return {};
  return { places: shelter.extraPlaces, ...(shelter.extraPlacesWomen > 0 ? { women: shelter.extraPlacesWomen } : {}) };
}

/** What the follow-up starts from: the figures already reported, else the people turned away on the bed board that night. */
export function followUpAnswers(shelter: ShelterResponse, boardTurnedAway?: number): Answers {
  if (shelter.placesUsed !== null) return { used: shelter.placesUsed, ...(shelter.turnedAway === null ? {} : { away: shelter.turnedAway }) };
  return boardTurnedAway === undefined || boardTurnedAway === 0 ? {} : { away: boardTurnedAway };
}

/** Accepted answers of the places form as the use case takes them. */
export function placesOf(answers: Answers): { extraPlaces: number; extraPlacesWomen: number } {
  return { extraPlaces: Number(answers.places), extraPlacesWomen: typeof answers.women === "number" ? answers.women : 0 };
}

/** Accepted answers of the follow-up as the use case takes them. */
export function followUpOf(answers: Answers): { placesUsed: number; turnedAway: number } {
  return { placesUsed: Number(answers.used), turnedAway: Number(answers.away) };
}

// Both shelter forms answer for one shelter on one alert: the state carries which.
function shelterView(
  formId: string,
  definition: FormDefinition,
  intro: ColdNightKey,
  locale: Locale,
  alert: ColdNightAlert,
  shelter: ShelterResponse,
  answers: Answers,
  errors: Record<string, string> | undefined,
): FormView {
  const t = createNightTranslator(coldNightMessages, locale);
  const frame = {
    formId,
    title: definition.title[locale],
    intro: t(intro, { shelter: shelter.shelterName, night: alert.night }),
    submitLabel: t("submit"),
    state: shelterValue(alert.id, shelter.activityId),
  };
  return renderFormView(definition, answers, locale, frame, errors);
}

/** The places form as one view; `answers` (a refused submission's, what was typed included) are put back. */
export function placesForm(locale: Locale, alert: ColdNightAlert, shelter: ShelterResponse, answers?: Answers, errors?: Record<string, string>): FormView {
  return shelterView(COLD_NIGHT_FORMS.places, placesDefinition(), "placesFormIntro", locale, alert, shelter, answers ?? placesAnswers(shelter), errors);
}

/** The follow-up as one view; `answers` default to what it starts from. */
export function followUpForm(locale: Locale, alert: ColdNightAlert, shelter: ShelterResponse, answers: Answers, errors?: Record<string, string>): FormView {
  return shelterView(COLD_NIGHT_FORMS.followUp, followUpDefinition(), "followUpAsk", locale, alert, shelter, answers, errors);
}

/** The restart form as one view: the first silent shelter and step 1 chosen until the person chooses otherwise. */
export function restartForm(locale: Locale, alert: ColdNightAlert, steps: number, answers?: Answers, errors?: Record<string, string>): FormView {
  const t = createTranslator(coldNightMessages, locale);
  const first = alert.responses.find((r) => r.answer === "pending")?.activityId;
  const start: Answers = answers ?? { ...(first === undefined ? {} : { shelter: first }), step: "1" };
  const frame = { formId: COLD_NIGHT_FORMS.restart, title: t("restartFormTitle"), intro: t("restartFormIntro"), submitLabel: t("submit"), state: alert.id };
  return renderFormView(restartDefinition(alert, steps), start, locale, frame, errors);
}
