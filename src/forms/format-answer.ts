import { createFormatters, createTranslator, type Locale } from "../shared/i18n.ts";
import type { AnswerValue, Field } from "./form-definition.ts";
import { formsMessages } from "./forms.messages.ts";

/** Shows an answer the way a person wrote it: 12 500 kr, ja, 2026-12-03, the choice's label. */
export function formatAnswer(field: Field, value: AnswerValue | null | undefined, locale: Locale): string {
  const t = createTranslator(formsMessages, locale);
  if (value === null || value === undefined) return t("value.skipped");
  const f = createFormatters(locale, "Europe/Stockholm");
  switch (field.type) {
    case "integer":
    case "decimal":
      return f.number(value as number);
    case "amount":
      return `${formatAmount(value as number, locale)} kr`;
    case "yesno":
      return t(value === true ? "value.yes" : "value.no");
    case "choice":
      return field.choices.find((c) => c.value === value)?.label[locale] ?? String(value);
    case "multichoice": {
      const labels = field.choices.filter((c) => (value as string[]).includes(c.value)).map((c) => c.label[locale]);
      return labels.length === 0 ? t("value.none") : f.list(labels);
    }
    case "date":
    case "time":
    case "text":
      return String(value);
  }
}

/** Kronor with öre only when there are any: 12 500 or 12 500,50. */
export function formatAmount(value: number, locale: Locale): string {
  const whole = Number.isInteger(value);
  return new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(value);
}

/** The answer as a person would type it back (used to prefill form inputs). */
export function answerToInput(field: Field, value: AnswerValue | null | undefined): string | string[] | undefined {
  if (value === null || value === undefined) return undefined;
  if (field.type === "multichoice") return value as string[];
  if (field.type === "yesno") return value === true ? "yes" : "no";
  return String(value);
}
