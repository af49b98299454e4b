import type { FormValues, FormView } from "../../chat/index.ts";
import type { Translate } from "../../shared/i18n.ts";
import type { ColdNightAlert, ShelterResponse } from "./cold-night.ts";
import { rungOf } from "./escalation-ladder.ts";
import { shelterValue } from "./cold-night-card.ts";
import type { ColdNightKey } from "./cold-nights.messages.ts";
import { shelterLabel } from "../shelter-label.ts";

/** Form ids of cold nights; the state is the shelter value `<alertId>:<activityId>`. */
export const COLD_NIGHT_FORMS = { places: "coldnight.places", followUp: "coldnight.followup", restart: "coldnight.restart" } as const;

type ShelterForm = Pick<FormView, "formId" | "title" | "intro" | "fields">;

// Both forms answer for one shelter on one alert: the state carries which, and refused errors are shown.
function shelterForm(
  t: Translate<ColdNightKey>,
  alert: ColdNightAlert,
  shelter: ShelterResponse,
  form: ShelterForm,
  errors: Record<string, string> | undefined,
): FormView {
  return { ...form, submitLabel: t("submit"), state: shelterValue(alert.id, shelter.activityId), ...(errors === undefined ? {} : { errors }) };
}

/** "How many extra places do you open?" */
export function placesForm(
  t: Translate<ColdNightKey>,
  alert: ColdNightAlert,
  shelter: ShelterResponse,
  values: FormValues = {},
  errors?: Record<string, string>,
): FormView {
  return shelterForm(
    t,
    alert,
    shelter,
    {
      formId: COLD_NIGHT_FORMS.places,
      title: t("placesFormTitle"),
      intro: t("placesFormIntro", { shelter: shelter.shelterName, night: alert.night }),
      fields: [
        { id: "places", label: t("placesLabel"), kind: "number", required: true, initial: initial(values.places, shelter.extraPlaces) },
        { id: "women", label: t("placesWomenLabel"), kind: "number", required: false, initial: initial(values.women, shelter.extraPlacesWomen) },
      ],
    },
    errors,
  );
}

/**
 * "How many extra places were used, and how many people were turned away?" Until answered, "turned away" starts from
 * what the shelter put on the bed board that night (`boardTurnedAway`).
 */
export function followUpForm(
  t: Translate<ColdNightKey>,
  alert: ColdNightAlert,
  shelter: ShelterResponse,
  values: FormValues = {},
  errors?: Record<string, string>,
  boardTurnedAway?: number,
): FormView {
  return shelterForm(
    t,
    alert,
    shelter,
    {
      formId: COLD_NIGHT_FORMS.followUp,
      title: t("followUpFormTitle"),
      intro: t("followUpAsk", { night: alert.night, shelter: shelter.shelterName }),
      fields: [
        { id: "used", label: t("followUpUsedLabel"), kind: "number", required: true, initial: initial(values.used, shelter.placesUsed) },
        {
          id: "away",
          label: t("followUpTurnedAwayLabel"),
          kind: "number",
          required: true,
          initial: initial(values.away, shelter.turnedAway ?? boardTurnedAway ?? null),
        },
      ],
    },
    errors,
  );
}

/** "Restart the escalation for which shelter, from which step?" The state is the alert id. */
export function restartForm(
  t: Translate<ColdNightKey>,
  alert: ColdNightAlert,
  steps: number,
  values: FormValues = {},
  errors?: Record<string, string>,
): FormView {
  const silent = alert.responses.filter((r) => r.answer === "pending");
  const first = silent[0]?.activityId;
  return {
    formId: COLD_NIGHT_FORMS.restart,
    title: t("restartFormTitle"),
    intro: t("restartFormIntro"),
    submitLabel: t("submit"),
    state: alert.id,
    fields: [
      {
        id: "shelter",
        label: t("restartShelterLabel"),
        kind: "choice",
        required: true,
        choices: silent.map((r) => ({ value: r.activityId, label: shelterLabel(r) })),
        ...(typeof values.shelter === "string" ? { initial: values.shelter } : first === undefined ? {} : { initial: first }),
      },
      {
        id: "step",
        label: t("restartStepLabel"),
        kind: "choice",
        required: true,
        choices: Array.from({ length: steps }, (_, i) => ({
          value: String(i + 1),
          label: t("restartStep", { step: String(i + 1), rung: t(`rung.${rungOf(i + 1)}`) }),
        })),
        initial: typeof values.step === "string" ? values.step : "1",
      },
    ],
    ...(errors === undefined ? {} : { errors }),
  };
}

/** A whole number within `min`–`max` as typed (spaces allowed), or undefined. */
export function readCount(value: string | string[] | undefined, min: number, max: number): number | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.replace(/\s/g, "");
  if (!/^\d{1,5}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : undefined;
}

// What was typed wins over what is stored, so a refused submission loses nothing.
function initial(typed: string | string[] | undefined, stored: number | null): string | undefined {
  if (typeof typed === "string") return typed;
  return stored === null || stored === 0 ? undefined : String(stored);
}
