import type { Locale } from "../shared/i18n.ts";
import { findPersonalDetails, type PersonalDetail } from "../shared/personal-details.ts";
import { fingerprint } from "./free-text-guard.ts";
import type { Answers, FormDefinition } from "./form-definition.ts";
import { failingChecks, firstMissingRequired, visibleFields, type CheckFailure } from "./form-rules.ts";
import { parseAnswer, type AnswerProblem } from "./parse-answer.ts";

/** Where a conversation stands; stored after every message so it resumes exactly there. */
export interface ConversationState {
  answers: Answers;
  /** The field being asked; null when the summary is shown. */
  current: string | null;
  /** After `ändra N`, go back to the summary instead of walking on through answered questions. */
  returnToSummary: boolean;
  /** Fields whose answer the bot prefilled and the person has not confirmed yet. */
  prefilled: string[];
  /** The submitted version this conversation corrects, if any: cancelling leaves that version standing. */
  correcting?: number;
  /** A hash of the last answer warned about (it looked like a name): the same answer again is taken as confirmed. */
  warned?: string;
}

/** Something to tell the person before the next question or the summary. */
export type Notice =
  | { kind: "problem"; problem: AnswerProblem }
  | { kind: "personal"; found: PersonalDetail[] }
  | { kind: "check"; failure: CheckFailure }
  | { kind: "cannot_skip" }
  | { kind: "no_such_question"; n: number; count: number }
  | { kind: "at_first" }
  | { kind: "edit_how" }
  | { kind: "missing_required"; n: number }
  | { kind: "status" }
  /** The form's owner refused the answers at submission, for a reason the form itself cannot know (e.g. a time in the future). */
  | { kind: "refused"; reason: string }
  | { kind: "help" }
  | { kind: "prefilled_skipped"; fields: string[] };

/** The result of one message: the new state, what happened, and what to show next. */
export interface Step {
  state: ConversationState;
  outcome: "continue" | "paused" | "cancelled" | "submit";
  notice?: Notice;
  /** Whether the answers changed (and so must be saved). */
  changed: boolean;
}

type Command = { kind: "back" | "skip" | "pause" | "cancel" | "status" | "help" | "keep" | "submit" | "resume" } | { kind: "edit"; n: number | undefined };

const WORDS: Record<string, Command["kind"]> = {
  tillbaka: "back",
  back: "back",
  "hoppa över": "skip",
  "hoppa over": "skip",
  skip: "skip",
  paus: "pause",
  pausa: "pause",
  pause: "pause",
  avbryt: "cancel",
  cancel: "cancel",
  status: "status",
  hjälp: "help",
  help: "help",
  "?": "help",
  ok: "keep",
  behåll: "keep",
  keep: "keep",
  skicka: "submit",
  "skicka in": "submit",
  submit: "submit",
  fortsätt: "resume",
  continue: "resume",
  resume: "resume",
};

/** Recognises a conversation command in either language; anything else is an answer. */
export function parseCommand(input: string): Command | undefined {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.!]$/, "");
  const edit = /^(?:ändra|andra|edit)(?: (?:fråga |question )?(\d{1,3}))?$/.exec(text);
  if (edit !== null) return { kind: "edit", n: edit[1] === undefined ? undefined : Number(edit[1]) };
  const kind = WORDS[text];
  return kind === undefined || kind === "edit" ? undefined : { kind };
}

/**
 * Starts a conversation: at the first question the bot does not already know the answer to, or at the summary when
 * correcting submitted version `correcting`.
 */
export function startConversation(
  form: FormDefinition,
  initial: Answers,
  options: { prefilled?: string[]; atSummary?: boolean; correcting?: number } = {},
): ConversationState {
  const prefilled = options.prefilled ?? [];
  const shown = visibleFields(form, initial);
  const first = shown.find((f) => !prefilled.includes(f.id)) ?? shown[0]!;
  const atSummary = options.atSummary === true || options.correcting !== undefined;
  return {
    answers: { ...initial },
    current: atSummary ? null : first.id,
    returnToSummary: atSummary,
    prefilled,
    ...(options.correcting === undefined ? {} : { correcting: options.correcting }),
  };
}

/** Applies one message from the person to the conversation. Pure: saving and replying is the caller's job. */
export function respond(form: FormDefinition, state: ConversationState, input: string, locale: Locale = "sv"): Step {
  const command = parseCommand(input);
  const same = (notice?: Notice): Step => ({ state, outcome: "continue", notice, changed: false });
  const shown = visibleFields(form, state.answers);
  switch (command?.kind) {
    case "pause":
      return { state, outcome: "paused", changed: false };
    case "cancel":
      return { state, outcome: "cancelled", changed: false };
    case "status":
      return same({ kind: "status" });
    case "help":
    case "resume":
      return same(command.kind === "help" ? { kind: "help" } : undefined);
    case "back": {
      const index = state.current === null ? shown.length : shown.findIndex((f) => f.id === state.current);
      if (index <= 0) return same({ kind: "at_first" });
      return { state: { ...state, current: shown[index - 1]!.id, returnToSummary: false }, outcome: "continue", changed: true };
    }
    case "edit": {
      if (command.n === undefined) return same({ kind: "edit_how" });
      const target = shown[command.n - 1];
      if (target === undefined) return same({ kind: "no_such_question", n: command.n, count: shown.length });
      return { state: { ...state, current: target.id, returnToSummary: true }, outcome: "continue", changed: true };
    }
    case "submit":
      return trySubmit(form, state);
    case "skip": {
      const field = shown.find((f) => f.id === state.current);
      if (field === undefined) return same();
      if (field.required) return same({ kind: "cannot_skip" });
      return advance(form, state, { ...state.answers, [field.id]: null });
    }
    case "keep": {
      const field = shown.find((f) => f.id === state.current);
      if (field !== undefined && state.answers[field.id] !== undefined) return advance(form, state, state.answers);
      break;
    }
    case undefined:
      break;
  }
  return answer(form, state, input, locale);
}

function answer(form: FormDefinition, state: ConversationState, input: string, locale: Locale): Step {
  const field = form.fields.find((f) => f.id === state.current);
  if (field === undefined) return { state, outcome: "continue", notice: { kind: "edit_how" }, changed: false };
  const parsed = parseAnswer(field, input, locale);
  if (!parsed.ok) return { state, outcome: "continue", notice: { kind: "problem", problem: parsed.problem }, changed: false };
  if (field.type === "text" && typeof parsed.value === "string") {
    // Looks like a name, a phone number or an e-mail: warned once; the same answer again is the person's call.
    const found = findPersonalDetails(parsed.value);
    const print = fingerprint(field.id, parsed.value);
    if (found.length > 0 && state.warned !== print)
      return { state: { ...state, warned: print }, outcome: "continue", notice: { kind: "personal", found }, changed: true };
  }
  const answers = { ...state.answers, [field.id]: parsed.value };
  const failure = failingChecks(form, answers, field.id)[0];
  // The new answer contradicts earlier ones: keep the old answers and ask again with the figures.
  if (failure !== undefined) return { state, outcome: "continue", notice: { kind: "check", failure }, changed: false };
  return advance(form, state, answers);
}

function advance(form: FormDefinition, state: ConversationState, answers: Answers): Step {
  const shown = visibleFields(form, answers);
  const prefilled = state.prefilled.filter((id) => id !== state.current);
  let next: string | null;
  const skipped: string[] = [];
  if (state.returnToSummary) {
    next = shown.find((f) => answers[f.id] === undefined)?.id ?? null;
  } else {
    // Questions the bot already answered are passed over, but named, so the person knows they are there.
    let index = shown.findIndex((f) => f.id === state.current) + 1;
    while (index < shown.length && prefilled.includes(shown[index]!.id)) skipped.push(shown[index++]!.id);
    next = shown[index]?.id ?? null;
  }
  const { warned: _confirmed, ...rest } = state;
  const notice: Notice | undefined = skipped.length > 0 ? { kind: "prefilled_skipped", fields: skipped } : undefined;
  return { state: { ...rest, answers, current: next, prefilled }, outcome: "continue", changed: true, notice };
}

function trySubmit(form: FormDefinition, state: ConversationState): Step {
  const shown = visibleFields(form, state.answers);
  const missing = firstMissingRequired(form, state.answers) ?? shown.find((f) => state.answers[f.id] === undefined);
  if (missing !== undefined) {
    const n = shown.indexOf(missing) + 1;
    return { state: { ...state, current: missing.id, returnToSummary: true }, outcome: "continue", notice: { kind: "missing_required", n }, changed: true };
  }
  const failure = failingChecks(form, state.answers)[0];
  if (failure !== undefined) {
    return { state: { ...state, current: failure.anchor, returnToSummary: true }, outcome: "continue", notice: { kind: "check", failure }, changed: true };
  }
  return { state: { ...state, current: null }, outcome: "submit", changed: false };
}

/** How far along the conversation is: answered fields out of those shown. */
export function progressOf(form: FormDefinition, state: ConversationState): { answered: number; count: number; position: number } {
  const shown = visibleFields(form, state.answers);
  const answered = shown.filter((f) => state.answers[f.id] !== undefined && !state.prefilled.includes(f.id)).length;
  const position = state.current === null ? shown.length : shown.findIndex((f) => f.id === state.current) + 1;
  return { answered, count: shown.length, position };
}

/** Whether the person has given any answer of their own (not only what the bot prefilled). */
export function hasOwnAnswers(state: ConversationState): boolean {
  return Object.keys(state.answers).some((id) => !state.prefilled.includes(id));
}
