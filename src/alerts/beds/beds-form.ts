import type { FormView } from "../../chat/index.ts";
import { bothLanguages, renderFormView, type Answers, type FormDefinition } from "../../forms/index.ts";
import { createTranslator, type Locale } from "../../shared/i18n.ts";
import { bedsMessages, type BedsKey } from "./beds.messages.ts";
import type { BedCounts } from "./report-beds.ts";

/** The form id of "places tonight"; its state is `<activityId>|<night>`. */
export const BEDS_FORM = "beds.report";
// A night shelter has tens of places; this only catches a slipped key.
const COUNT_MAX = 10_000;

const { both } = bothLanguages(bedsMessages);
const count = (id: string, label: BedsKey, short: BedsKey, required: boolean) =>
  ({ id, label: both(label), short: both(short), type: "integer", min: 0, max: COUNT_MAX, required, total: "sum" }) as const;

/** "Places tonight": free now, of which women's places (never more than free), turned away so far. Counts only. */
export function bedsDefinition(): FormDefinition {
  return {
    id: "beds-report",
    title: both("formTitle"),
    fields: [
      count("free", "freeLabel", "freeShort", true),
      count("women", "freeWomenLabel", "freeWomenShort", false),
      count("away", "turnedAwayLabel", "turnedAwayShort", false),
    ],
    checks: [{ kind: "atMost", field: "women", max: "free" }],
  };
}

/** What the form starts from: the shelter's counts as last reported tonight. */
export function bedsAnswers(counts: BedCounts): Answers {
  return {
    ...(counts.free === undefined ? {} : { free: counts.free }),
    ...(counts.freeWomen === undefined ? {} : { women: counts.freeWomen }),
    ...(counts.turnedAway === undefined ? {} : { away: counts.turnedAway }),
  };
}

/** Accepted answers as the use case takes them; a field left blank is not reported. */
export function countsOf(answers: Answers): BedCounts {
  const { free, women, away } = answers;
  return { free: Number(free), ...(typeof women === "number" ? { freeWomen: women } : {}), ...(typeof away === "number" ? { turnedAway: away } : {}) };
}

/** The form as one view; `answers` (a refused submission's, what was typed included) are put back. */
export function bedsForm(locale: Locale, shelterName: string, state: string, answers: Answers, errors?: Record<string, string>): FormView {
  const t = createTranslator(bedsMessages, locale);
  const frame = { formId: BEDS_FORM, title: t("formTitle"), intro: t("formIntro", { shelter: shelterName }), submitLabel: t("submit"), state };
  return renderFormView(bedsDefinition(), answers, locale, frame, errors);
}
