import type { FormField, FormValues, FormView } from "../chat/index.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Answers, Field, FormDefinition } from "./form-definition.ts";
import { startConversation } from "./form-conversation.ts";
import { describeCheck, describeProblem } from "./form-conversation.view.ts";
import { failingChecks, isVisible, normalizeAnswers } from "./form-rules.ts";
import { answerToInput, formatAnswer } from "./format-answer.ts";
import { formsMessages } from "./forms.messages.ts";
import { parseAnswer } from "./parse-answer.ts";

/** What the owner of the form adds to the view. */
export interface FormViewFrame {
  formId: string;
  title: string;
  submitLabel: string;
  state: string;
  intro?: string;
}

/** Renders a definition as one modal/card, prefilled with the answers given so far. */
export function renderFormView(form: FormDefinition, answers: Answers, locale: Locale, frame: FormViewFrame, errors?: Record<string, string>): FormView {
  const t = createTranslator(formsMessages, locale);
  const fields = form.fields.map((field): FormField => {
    const help = [field.help?.[locale], conditionNote(form, field, locale)].filter((h) => h !== undefined).join(" ");
    return {
      id: field.id,
      label: field.required ? field.label[locale] : `${field.label[locale]} (${t("form.optional")})`,
      kind: kindOf(field),
      // A field shown only for some answers cannot be required in a static view; the submission checks it.
      required: field.required && field.showIf === undefined,
      ...(help === "" ? {} : { help }),
      ...(field.type === "choice" || field.type === "multichoice" ? { choices: field.choices.map((c) => ({ value: c.value, label: c.label[locale] })) } : {}),
      ...(field.type === "text" ? { maxLength: field.maxLength } : {}),
      ...withInitial(answerToInput(field, answers[field.id])),
    };
  });
  return { ...frame, fields, ...(errors === undefined ? {} : { errors }) };
}

function withInitial(initial: string | string[] | undefined): { initial?: string | string[] } {
  return initial === undefined ? {} : { initial };
}

function kindOf(field: Field): FormField["kind"] {
  switch (field.type) {
    case "integer":
    case "decimal":
    case "amount":
      return "number";
    case "text":
      return field.multiline ? "multiline" : "text";
    case "time":
      return "text";
    default:
      return field.type;
  }
}

function conditionNote(form: FormDefinition, field: Field, locale: Locale): string | undefined {
  if (field.showIf === undefined) return undefined;
  const source = form.fields.find((f) => f.id === field.showIf!.field)!;
  const condition = field.showIf;
  const value =
    "equals" in condition
      ? formatAnswer(source, condition.equals, locale)
      : "oneOf" in condition
        ? condition.oneOf.map((v) => formatAnswer(source, v, locale)).join(" / ")
        : `> ${condition.greaterThan}`;
  return createTranslator(formsMessages, locale)("form.shown_if", { field: source.label[locale], value });
}

/** A submission read with the same rules as the conversation: answers, or errors per field. */
export type FormReading = { ok: true; answers: Answers } | { ok: false; errors: Record<string, string>; answers: Answers };

/** Reads submitted form values; hidden fields are dropped, blank optional ones become null. */
export function readFormValues(form: FormDefinition, values: FormValues, locale: Locale): FormReading {
  const t = createTranslator(formsMessages, locale);
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    // Visibility depends only on earlier fields, which are already read.
    if (!isVisible(form, field, answers)) continue;
    const raw = values[field.id];
    const blank = raw === undefined || (Array.isArray(raw) ? raw.length === 0 : raw.trim() === "");
    if (blank) {
      if (field.required) errors[field.id] = capitalize(t("problem.required"));
      else answers[field.id] = null;
      continue;
    }
    const parsed = parseAnswer(field, raw, locale);
    if (parsed.ok) answers[field.id] = parsed.value;
    else errors[field.id] = capitalize(describeProblem(parsed.problem, t));
  }
  const state = startConversation(form, answers, { atSummary: true });
  for (const failure of failingChecks(form, answers)) {
    errors[failure.anchor] ??= describeCheck(form, state, failure, t, locale);
  }
  const normalized = normalizeAnswers(form, answers);
  return Object.keys(errors).length === 0 ? { ok: true, answers: normalized } : { ok: false, errors, answers };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What a refused view is drawn again with: the answers read, and the raw text of those refused, so nothing typed is lost. */
export function typedAnswers(values: FormValues, reading: FormReading): Answers {
  const typed: Answers = Object.fromEntries(Object.entries(values).filter((e): e is [string, string | string[]] => e[1] !== undefined));
  return { ...typed, ...reading.answers };
}
