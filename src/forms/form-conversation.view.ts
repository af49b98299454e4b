import type { Block, Message } from "../chat/index.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { shortLabel, type Field, type FormDefinition } from "./form-definition.ts";
import { progressOf, type ConversationState, type Notice } from "./form-conversation.ts";
import { visibleFields, type CheckFailure } from "./form-rules.ts";
import { numberProblem, type AnswerProblem } from "./parse-answer.ts";
import { formatAnswer } from "./format-answer.ts";
import { personalDetailsWarning } from "./free-text-guard.ts";
import { formsMessages, type FormsKey } from "./forms.messages.ts";

/** What the conversation's owner adds: the title shown, and the buttons' action ids and value. */
export interface ConversationFrame {
  title: string;
  submitActionId: string;
  editActionId: string;
  actionValue: string;
}

/** Renders the next thing to show: an optional notice, then the current question or the summary. */
export function renderConversation(form: FormDefinition, state: ConversationState, locale: Locale, frame: ConversationFrame, notice?: Notice): Message {
  const t = createTranslator(formsMessages, locale);
  const lines = notice === undefined ? [] : [renderNotice(form, state, notice, t, locale, frame)];
  const body = state.current === null ? renderSummary(form, state, t, locale, frame) : renderQuestion(form, state, t, locale);
  const text = [...lines, body.text].join("\n");
  return { text, blocks: [...lines.map((l): Block => ({ type: "text", text: l })), ...body.blocks] };
}

/** The first message of a conversation: which questions the bot already answered, the question, how to steer it. */
export function renderOpening(form: FormDefinition, state: ConversationState, locale: Locale, frame: ConversationFrame): Message {
  const t = createTranslator(formsMessages, locale);
  const known = visibleFields(form, state.answers).filter((f) => state.prefilled.includes(f.id) && f.id !== state.current);
  const notice: Notice | undefined = known.length > 0 && state.current !== null ? { kind: "prefilled_skipped", fields: known.map((f) => f.id) } : undefined;
  const message = renderConversation(form, state, locale, frame, notice);
  return { text: message.text, blocks: [...message.blocks, { type: "text", text: t("conv.commands") }] };
}

function renderQuestion(form: FormDefinition, state: ConversationState, t: Translate<FormsKey>, locale: Locale): Message {
  const field = form.fields.find((f) => f.id === state.current)!;
  const { position, count } = progressOf(form, state);
  const heading = `${t("conv.progress", { n: position, count })}: ${field.label[locale]}`;
  const blocks: Block[] = [{ type: "text", text: heading }];
  if (field.help !== undefined) blocks.push({ type: "text", text: field.help[locale] });
  if (field.type === "choice" || field.type === "multichoice") {
    blocks.push({ type: "list", items: field.choices.map((c, i) => `${i + 1}. ${c.label[locale]}`) });
  }
  const hint = hintFor(field, t);
  if (hint !== undefined) blocks.push({ type: "text", text: hint });
  const value = state.answers[field.id];
  if (value !== undefined) {
    const key = state.prefilled.includes(field.id) ? "conv.prefilled" : "conv.current";
    blocks.push({ type: "text", text: t(key, { value: formatAnswer(field, value, locale) }) });
  }
  if (!field.required) blocks.push({ type: "text", text: t("conv.optional") });
  return { text: heading, blocks };
}

function hintFor(field: Field, t: Translate<FormsKey>): string | undefined {
  switch (field.type) {
    case "integer":
    case "decimal":
    case "amount":
      // Keyed by the problem an unreadable answer gets, so the hint and a refusal never disagree.
      return t(`hint.${numberProblem(field)}`);
    case "choice":
      return t("conv.choice_hint");
    case "multichoice":
      return t("conv.multichoice_hint");
    case "yesno":
      return t("conv.yesno_hint");
    case "date":
      return t("conv.date_hint");
    case "time":
      return t("conv.time_hint");
    case "text":
      return t("conv.text_hint", { max: field.maxLength });
    default:
      return undefined;
  }
}

function renderSummary(form: FormDefinition, state: ConversationState, t: Translate<FormsKey>, locale: Locale, frame: ConversationFrame): Message {
  const heading = t("conv.summary_heading", { title: frame.title });
  const facts = visibleFields(form, state.answers).map((f, i) => ({
    label: `${i + 1}. ${shortLabel(f, locale)}`,
    value: formatAnswer(f, state.answers[f.id], locale),
  }));
  return {
    text: heading,
    blocks: [
      { type: "heading", text: heading },
      { type: "facts", facts },
      { type: "text", text: t("conv.summary_hint") },
      {
        type: "buttons",
        buttons: [
          { actionId: frame.submitActionId, label: t("conv.submit_button"), value: frame.actionValue, style: "primary" },
          { actionId: frame.editActionId, label: t("conv.edit_button"), value: frame.actionValue },
        ],
      },
    ],
  };
}

function renderNotice(
  form: FormDefinition,
  state: ConversationState,
  notice: Notice,
  t: Translate<FormsKey>,
  locale: Locale,
  frame: ConversationFrame,
): string {
  switch (notice.kind) {
    case "problem":
      return `${t("conv.refused", { reason: describeProblem(notice.problem, t) })} ${t("conv.pause_hint")}`;
    case "personal":
      return personalDetailsWarning(notice.found, locale, "conversation");
    case "check":
      return describeCheck(form, state, notice.failure, t, locale);
    case "refused":
      return t("conv.refused", { reason: notice.reason });
    case "cannot_skip":
      return t("conv.cannot_skip");
    case "no_such_question":
      return t("conv.no_such_question", { n: notice.n, count: notice.count });
    case "at_first":
      return t("conv.at_first");
    case "edit_how":
      return t("conv.edit_how");
    case "missing_required":
      return t("conv.missing_required", { n: notice.n });
    case "status": {
      const { answered, count } = progressOf(form, state);
      return t("conv.status", { title: frame.title, answered, count });
    }
    case "help": {
      const field = form.fields.find((f) => f.id === state.current);
      return field?.help?.[locale] ?? t("conv.no_help");
    }
    case "prefilled_skipped":
      return describePrefilled(form, state, notice.fields, t, locale);
  }
}

/** "Fråga 9–11 är ifyllda från larmen: …; skriv ändra 9 för att ändra." */
function describePrefilled(form: FormDefinition, state: ConversationState, ids: string[], t: Translate<FormsKey>, locale: Locale): string {
  const shown = visibleFields(form, state.answers);
  const numbered = shown.map((f, i) => ({ field: f, n: i + 1 })).filter((x) => ids.includes(x.field.id));
  const values = numbered.map(({ field }) => `${shortLabel(field, locale)}: ${formatAnswer(field, state.answers[field.id], locale)}`).join("; ");
  const numbers = numbered.map((x) => x.n);
  return t(numbers.length === 1 ? "conv.prefilled_one" : "conv.prefilled_many", { numbers: numberRanges(numbers), values, first: numbers[0]! });
}

/** 7, 9, 10, 11 → "7, 9–11". */
function numberRanges(numbers: number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    ranges.push(j === i ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return ranges.join(", ");
}

/** One sentence for an answer problem, in the person's language. */
export function describeProblem(problem: AnswerProblem, t: Translate<FormsKey>): string {
  const { code, ...params } = problem;
  return t(`problem.${code}`, params);
}

/** One sentence for a failed cross-field check, naming the fields and figures. */
export function describeCheck(form: FormDefinition, state: ConversationState, failure: CheckFailure, t: Translate<FormsKey>, locale: Locale): string {
  const label = (id: string) =>
    shortLabel(
      form.fields.find((f) => f.id === id)!,
      locale,
    );
  const shown = visibleFields(form, state.answers);
  const check = failure.check;
  const sentence =
    check.kind === "sum"
      ? t("check.sum", { parts: check.parts.map(label).join(" + "), actual: failure.actual, total: label(check.total), expected: failure.expected })
      : check.kind === "atMost"
        ? t("check.atMost", { field: label(check.field), actual: failure.actual, max: label(check.max), expected: failure.expected })
        : t("check.allOrNone", { fields: createFormatters(locale, "Europe/Stockholm").list(check.fields.map(label)), missing: label(failure.anchor) });
  // Point at the other field, the one that may be the wrong one (for allOrNone, the one left out).
  const other = check.kind === "sum" ? check.total : check.kind === "atMost" ? check.max : failure.anchor;
  if (state.current === other || state.current === null) return sentence;
  const n = shown.findIndex((f) => f.id === other) + 1;
  return `${sentence} ${t("check.fix_hint", { n, label: label(other) })}`;
}
