import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import type { Choice, FormField, FormView } from "../../../src/chat/message.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import { slackMessages } from "../slack.messages.ts";
import { encodeFormMetadata, type FormMetadata } from "./form-metadata.ts";
import { mrkdwn, plain, truncate } from "./text.ts";

/** Slack's ceiling for a plain_text_input's max_length. */
const MAX_INPUT_LENGTH = 3000;

function option(choice: Choice): PlainTextOption {
  return { text: plain(choice.label, 75), value: truncate(choice.value, 150) };
}

function initialOne(field: FormField, options: PlainTextOption[]): PlainTextOption | undefined {
  const initial = Array.isArray(field.initial) ? field.initial[0] : field.initial;
  return options.find((o) => o.value === initial);
}

function element(field: FormField, locale: Locale): InputBlock["element"] {
  const t = createTranslator(slackMessages, locale);
  const action_id = field.id;
  const text = typeof field.initial === "string" ? field.initial : undefined;
  switch (field.kind) {
    case "text":
    case "multiline":
      return {
        type: "plain_text_input",
        action_id,
        multiline: field.kind === "multiline",
        ...(field.maxLength === undefined ? {} : { max_length: Math.min(field.maxLength, MAX_INPUT_LENGTH) }),
        ...(text === undefined ? {} : { initial_value: text }),
      };
    case "number":
      return { type: "number_input", action_id, is_decimal_allowed: true, ...(text === undefined ? {} : { initial_value: text }) };
    case "date":
      return { type: "datepicker", action_id, ...(text === undefined ? {} : { initial_date: text }) };
    case "choice":
    case "yesno": {
      const choices =
        field.choices ??
        (field.kind === "yesno"
          ? [
              { value: "yes", label: t("yes") },
              { value: "no", label: t("no") },
            ]
          : []);
      const options = choices.map(option);
      const initial = initialOne(field, options);
      // Few choices read better as radio buttons; Slack allows at most 10 of them.
      return options.length <= 5
        ? { type: "radio_buttons", action_id, options, ...(initial === undefined ? {} : { initial_option: initial }) }
        : { type: "static_select", action_id, options: options.slice(0, 100), ...(initial === undefined ? {} : { initial_option: initial }) };
    }
    case "multichoice": {
      const options = (field.choices ?? []).map(option);
      const initial = options.filter((o) => (Array.isArray(field.initial) ? field.initial : [field.initial]).includes(o.value));
      return options.length <= 10
        ? { type: "checkboxes", action_id, options, ...(initial.length === 0 ? {} : { initial_options: initial }) }
        : { type: "multi_static_select", action_id, options: options.slice(0, 100), ...(initial.length === 0 ? {} : { initial_options: initial }) };
    }
  }
}

function input(field: FormField, locale: Locale): InputBlock {
  return {
    type: "input",
    block_id: field.id,
    label: plain(field.label, 2000),
    optional: !field.required,
    element: element(field, locale),
    ...(field.help === undefined ? {} : { hint: plain(field.help, 2000) }),
  };
}

/**
 * Renders a form as a modal; `callback_id` is the formId and `private_metadata` carries state and origin. The
 * adapter's own words (Ja/Nej) are in the form's language, else `fallback`.
 */
export function renderFormView(form: FormView, origin: Omit<FormMetadata, "state">, fallback: Locale): ModalView {
  const locale = form.locale ?? fallback;
  const t = createTranslator(slackMessages, locale);
  const blocks: KnownBlock[] = [];
  if (form.intro !== undefined) blocks.push({ type: "section", text: mrkdwn(form.intro) });
  const errors = Object.entries(form.errors ?? {});
  if (errors.length > 0) {
    // A freshly opened modal cannot mark fields; list the errors above them instead.
    const labels = new Map(form.fields.map((f) => [f.id, f.label]));
    const lines = errors.map(([id, message]) => `• ${labels.get(id) ?? id}: ${message}`);
    blocks.push({ type: "section", text: mrkdwn([t("formErrors"), ...lines].join("\n")) });
  }
  blocks.push(...form.fields.map((f) => input(f, locale)));
  return {
    type: "modal",
    callback_id: truncate(form.formId, 255),
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    private_metadata: encodeFormMetadata({ ...origin, state: form.state }),
    blocks,
  };
}

/** Maps refused fields onto the modal's input blocks; errors for unknown ids go on the first input. */
export function toModalErrors(errors: Record<string, string>, inputIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const first = inputIds[0];
  for (const [id, message] of Object.entries(errors)) {
    const target = inputIds.includes(id) ? id : first;
    if (target === undefined) continue;
    out[target] = truncate(out[target] === undefined ? message : `${out[target]} ${message}`, 2000);
  }
  return out;
}
