import type { CardElement, IAdaptiveCard } from "@microsoft/teams.cards";
import type { FormValues } from "../../../src/chat/inbound.ts";
import type { Choice, FormField, FormView } from "../../../src/chat/message.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import { plainText } from "../../../src/shared/rich-text.ts";
import { teamsMessages } from "../teams.messages.ts";
import { FIELD_INPUT_PREFIX, FORM_VERB } from "./card-data.ts";
import { CARD_VERSION, executeAction } from "./message-card.ts";
import { toCardMarkdown } from "./text.ts";

// A multi-choice field's value arrives as "a,b"; its own prefix says to split it back into a list.
const MULTI_INPUT_PREFIX = `${FIELD_INPUT_PREFIX}multi.`;

/** The card input id of a form field. */
function inputIdOf(field: Pick<FormField, "id" | "kind">): string {
  return field.kind === "multichoice" ? `${MULTI_INPUT_PREFIX}${field.id}` : `${FIELD_INPUT_PREFIX}${field.id}`;
}

function choices(list: Choice[]) {
  return list.map((c) => ({ title: plainText(c.label), value: c.value }));
}

function one(initial: FormField["initial"]): string | undefined {
  return Array.isArray(initial) ? initial[0] : initial;
}

function input(field: FormField, locale: Locale, error: string | undefined): CardElement {
  const t = createTranslator(teamsMessages, locale);
  const common = {
    id: inputIdOf(field),
    label: plainText(field.label),
    isRequired: field.required,
    // Shown by the client when its own check fails (a required field left empty); server errors get a text block.
    ...(error === undefined ? {} : { errorMessage: error }),
  };
  const initial = one(field.initial);
  switch (field.kind) {
    case "text":
    case "multiline":
      return {
        type: "Input.Text",
        ...common,
        isMultiline: field.kind === "multiline",
        ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
        ...(initial === undefined ? {} : { value: initial }),
      };
    case "number": {
      const n = initial === undefined ? Number.NaN : Number(initial);
      return { type: "Input.Number", ...common, ...(Number.isFinite(n) ? { value: n } : {}) };
    }
    case "date":
      return { type: "Input.Date", ...common, ...(initial === undefined ? {} : { value: initial }) };
    case "choice":
    case "yesno": {
      const list =
        field.choices ??
        (field.kind === "yesno"
          ? [
              { value: "yes", label: t("yes") },
              { value: "no", label: t("no") },
            ]
          : []);
      return {
        type: "Input.ChoiceSet",
        ...common,
        // Few choices read better as radio buttons, like Slack's rendering.
        style: list.length <= 5 ? "expanded" : "compact",
        choices: choices(list),
        ...(initial === undefined ? {} : { value: initial }),
      };
    }
    case "multichoice": {
      const values = Array.isArray(field.initial) ? field.initial : field.initial === undefined ? [] : [field.initial];
      return {
        type: "Input.ChoiceSet",
        ...common,
        isMultiSelect: true,
        style: "expanded",
        choices: choices(field.choices ?? []),
        ...(values.length === 0 ? {} : { value: values.join(",") }),
      };
    }
  }
}

function attention(text: string): CardElement {
  return { type: "TextBlock", text: toCardMarkdown(text), color: "Attention", wrap: true, spacing: "None" };
}

function withoutErrors(form: FormView): FormView {
  const { errors: _errors, ...view } = form;
  return view;
}

/** The form again with what the person entered, so a refused submission loses nothing. */
export function refillForm(form: FormView, values: FormValues, errors: Record<string, string>): FormView {
  return { ...form, errors, fields: form.fields.map((f) => (values[f.id] === undefined ? f : { ...f, initial: values[f.id] })) };
}

/** Renders a form as a card with inputs; errors from a refused submission show under their fields. Own words in the form's language, else `fallback`. */
export function renderFormCard(form: FormView, fallback: Locale): IAdaptiveCard {
  const locale = form.locale ?? fallback;
  const t = createTranslator(teamsMessages, locale);
  const errors = form.errors ?? {};
  const body: CardElement[] = [{ type: "TextBlock", text: plainText(form.title), size: "Large", weight: "Bolder", wrap: true }];
  if (form.intro !== undefined) body.push({ type: "TextBlock", text: toCardMarkdown(form.intro), wrap: true });
  if (Object.keys(errors).length > 0) body.push(attention([t("formErrors"), errors[""]].filter((s) => s !== undefined).join(" ")));
  for (const field of form.fields) {
    body.push(input(field, locale, errors[field.id]));
    if (field.help !== undefined)
      body.push({ type: "TextBlock", text: toCardMarkdown(field.help), isSubtle: true, size: "Small", wrap: true, spacing: "None" });
    const error = errors[field.id];
    if (error !== undefined) body.push(attention(error));
  }
  return {
    type: "AdaptiveCard",
    version: CARD_VERSION,
    fallbackText: plainText(form.title),
    body,
    actions: [
      {
        ...executeAction(form.submitLabel, FORM_VERB, { samverka: "form", formId: form.formId, state: form.state, view: withoutErrors(form) }, "primary"),
        associatedInputs: "auto",
      },
    ],
  };
}

/** Reads a submission's inputs back into values by field id; empty inputs become undefined. */
export function readFormValues(submitted: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [key, raw] of Object.entries(submitted)) {
    if (!key.startsWith(FIELD_INPUT_PREFIX)) continue;
    const text = typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined;
    if (key.startsWith(MULTI_INPUT_PREFIX)) {
      const list = (text ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      values[key.slice(MULTI_INPUT_PREFIX.length)] = list;
    } else {
      values[key.slice(FIELD_INPUT_PREFIX.length)] = text === undefined || text.trim() === "" ? undefined : text;
    }
  }
  return values;
}
