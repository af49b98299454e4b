import { findPersonnummer } from "../shared/personnummer.ts";
import type { Locale } from "../shared/i18n.ts";
import type { AnswerValue, Field, FieldChoice } from "./form-definition.ts";

/** Why an answer was refused; the catalogue in forms.messages.ts turns it into a sentence. */
export type AnswerProblem =
  | { code: "empty" }
  | { code: "required" }
  | { code: "not_a_number" }
  | { code: "not_whole" }
  | { code: "not_an_amount" }
  | { code: "too_many_decimals"; decimals: number }
  | { code: "below_min"; min: number }
  | { code: "above_max"; max: number }
  | { code: "unknown_choice"; options: string }
  | { code: "too_few_choices"; min: number }
  | { code: "too_many_choices"; max: number }
  | { code: "not_a_date" }
  | { code: "date_before"; min: string }
  | { code: "date_after"; max: string }
  | { code: "not_yes_no" }
  | { code: "not_a_time" }
  | { code: "too_long"; max: number; length: number }
  /** `found`: the numbers with their last four digits masked (811218-****), so the person sees which. */
  | { code: "personnummer"; found: string };

export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; problem: AnswerProblem };

const YES = new Set(["ja", "j", "yes", "y", "true", "sant"]);
const NO = new Set(["nej", "n", "no", "false", "falskt"]);
const NONE = new Set(["inga", "ingen", "inget", "none", "-"]);

/** Parses what a person typed (in either language) or a form delivered into a typed answer; `locale` decides what a comma means. */
export function parseAnswer(field: Field, raw: string | string[], locale: Locale = "sv"): ParseResult {
  if (field.type === "multichoice") return parseMultiChoice(field, Array.isArray(raw) ? raw : splitList(raw));
  const text = (Array.isArray(raw) ? raw.join(" ") : raw).trim();
  if (text === "") return fail({ code: "empty" });
  switch (field.type) {
    case "integer":
    case "decimal":
    case "amount":
      return parseNumber(field, text, locale);
    case "choice": {
      const choice = findChoice(field.choices, text);
      return choice === undefined ? fail({ code: "unknown_choice", options: choiceHint(field.choices) }) : { ok: true, value: choice.value };
    }
    case "date":
      return parseDate(field, text);
    case "yesno": {
      const word = text.toLowerCase().replace(/[.!]$/, "");
      if (YES.has(word)) return { ok: true, value: true };
      if (NO.has(word)) return { ok: true, value: false };
      return fail({ code: "not_yes_no" });
    }
    case "time":
      return parseTime(text);
    case "text":
      return parseText(field.maxLength, text);
  }
}

// 23.40, 23:40, 2340 and 7.05 are all read as the time they name; stored as 23.40 and 07.05.
function parseTime(text: string): ParseResult {
  const match = /^(?:kl\.?\s*)?([01]?\d|2[0-3])[.:]?([0-5]\d)$/i.exec(text);
  if (match === null) return fail({ code: "not_a_time" });
  return { ok: true, value: `${match[1]!.padStart(2, "0")}.${match[2]!}` };
}

function fail(problem: AnswerProblem): ParseResult {
  return { ok: false, problem };
}

function parseNumber(field: Extract<Field, { type: "integer" | "decimal" | "amount" }>, text: string, locale: Locale): ParseResult {
  // Swedish writes 12 500,50 kr; people also type 12500.50, 12 500:- or SEK 12500.
  let cleaned = text.toLowerCase().replace(/[\s\u00a0\u202f]/g, "");
  if (field.type === "amount") cleaned = cleaned.replace(/^(sek|kr)/, "").replace(/(kronor|kr\.?|sek|:-)$/, "");
  // In English 12,500 is twelve thousand five hundred; in Swedish the comma is the decimal sign.
  if (locale === "en" && /^[-\u2212]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned)) cleaned = cleaned.replace(/,/g, "");
  cleaned = cleaned.replace(",", ".").replace(/^\u2212/, "-");
  // The refusal names the kind of number the question asks for, so it never contradicts the next one.
  const allowed = decimalsAllowed(field);
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return fail({ code: numberProblem(field) });
  const value = Number(cleaned);
  const decimals = cleaned.split(".")[1]?.length ?? 0;
  if (allowed === 0 && decimals > 0) return fail({ code: "not_whole" });
  if (decimals > allowed) return fail({ code: "too_many_decimals", decimals: allowed });
  // Counts and amounts are never negative unless a definition says so explicitly.
  const min = field.min ?? 0;
  if (value < min) return fail({ code: "below_min", min });
  if (field.max !== undefined && value > field.max) return fail({ code: "above_max", max: field.max });
  return { ok: true, value };
}

/** How many decimals a numeric field takes: none for counts, two for amounts (öre), as defined for decimals. */
export function decimalsAllowed(field: Extract<Field, { type: "integer" | "decimal" | "amount" }>): number {
  return field.type === "decimal" ? field.decimals : field.type === "amount" ? 2 : 0;
}

/** The problem an unreadable answer to a numeric field gets: the same words as the question's hint. */
export function numberProblem(field: Extract<Field, { type: "integer" | "decimal" | "amount" }>): "not_whole" | "not_an_amount" | "not_a_number" {
  return decimalsAllowed(field) === 0 ? "not_whole" : field.type === "amount" ? "not_an_amount" : "not_a_number";
}

function findChoice(choices: FieldChoice[], text: string): FieldChoice | undefined {
  const wanted = text.trim().toLowerCase();
  if (/^\d+$/.test(wanted)) return choices[Number(wanted) - 1];
  return choices.find((c) => c.value === wanted || c.label.sv.toLowerCase() === wanted || c.label.en.toLowerCase() === wanted);
}

function choiceHint(choices: FieldChoice[]): string {
  return choices.map((_, i) => String(i + 1)).join(", ");
}

function splitList(raw: string): string[] {
  return raw
    .split(/[,;\n]|\soch\s|\sand\s/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function parseMultiChoice(field: Extract<Field, { type: "multichoice" }>, tokens: string[]): ParseResult {
  const picked: string[] = [];
  const explicitNone = tokens.length === 1 && NONE.has(tokens[0]!.toLowerCase());
  if (!explicitNone) {
    if (tokens.length === 0) return fail({ code: "empty" });
    for (const token of tokens) {
      const choice = findChoice(field.choices, token);
      if (choice === undefined) return fail({ code: "unknown_choice", options: choiceHint(field.choices) });
      if (!picked.includes(choice.value)) picked.push(choice.value);
    }
  }
  const min = field.minSelected ?? 1;
  if (picked.length < min) return fail({ code: "too_few_choices", min });
  if (field.maxSelected !== undefined && picked.length > field.maxSelected) return fail({ code: "too_many_choices", max: field.maxSelected });
  // Stored in the definition's order, so the same choices always compare equal.
  const ordered = field.choices.map((c) => c.value).filter((v) => picked.includes(v));
  return { ok: true, value: ordered };
}

function parseDate(field: Extract<Field, { type: "date" }>, text: string): ParseResult {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (match === null) return fail({ code: "not_a_date" });
  const [, y, m, d] = match as unknown as [string, string, string, string];
  const iso = `${y}-${m}-${d}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return fail({ code: "not_a_date" });
  if (field.min !== undefined && iso < field.min) return fail({ code: "date_before", min: field.min });
  if (field.max !== undefined && iso > field.max) return fail({ code: "date_after", max: field.max });
  return { ok: true, value: iso };
}

/** Checks bounded free text: its length, and that it holds no personal identity number. */
export function parseText(maxLength: number, text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed.length > maxLength) return fail({ code: "too_long", max: maxLength, length: trimmed.length });
  const found = findPersonnummer(trimmed);
  if (found.length > 0) return fail({ code: "personnummer", found: found.map((m) => `${m.text.slice(0, -4)}****`).join(", ") });
  return { ok: true, value: trimmed };
}
