import { fieldsOfCheck, type AnswerValue, type Answers, type Condition, type CrossCheck, type Field, type FormDefinition } from "./form-definition.ts";

/** A cross-field check that failed, with the figures a person needs to fix it. */
export interface CheckFailure {
  check: CrossCheck;
  /** The field the error is shown on in a form view. */
  anchor: string;
  /** Sum of the parts (for `sum`), the value (for `atMost`), or how many were answered (for `allOrNone`). */
  actual: number;
  /** The total (for `sum`), the maximum (for `atMost`), or how many go together (for `allOrNone`). */
  expected: number;
}

/** Whether `field` is shown given the answers so far (conditions only look at earlier fields). */
export function isVisible(form: FormDefinition, field: Field, answers: Answers): boolean {
  if (field.showIf === undefined) return true;
  const source = form.fields.find((f) => f.id === field.showIf!.field);
  if (source === undefined || !isVisible(form, source, answers)) return false;
  return conditionHolds(field.showIf, answers[source.id]);
}

function conditionHolds(condition: Condition, value: AnswerValue | null | undefined): boolean {
  if (value === null || value === undefined) return false;
  if ("equals" in condition) return value === condition.equals;
  if ("oneOf" in condition) return Array.isArray(value) ? value.some((v) => condition.oneOf.includes(v)) : condition.oneOf.includes(String(value));
  return typeof value === "number" && value > condition.greaterThan;
}

/** The fields shown for these answers, in order. */
export function visibleFields(form: FormDefinition, answers: Answers): Field[] {
  return form.fields.filter((f) => isVisible(form, f, answers));
}

/** Checks whose fields are all shown and answered, that fail; optionally only those involving `fieldId`. */
export function failingChecks(form: FormDefinition, answers: Answers, fieldId?: string): CheckFailure[] {
  const shown = new Set(visibleFields(form, answers).map((f) => f.id));
  const failures: CheckFailure[] = [];
  for (const check of form.checks) {
    const ids = fieldsOfCheck(check);
    if (fieldId !== undefined && !ids.includes(fieldId)) continue;
    if (check.kind === "allOrNone") {
      const failure = allOrNoneFailure(
        check,
        ids.filter((id) => shown.has(id)),
        answers,
      );
      if (failure !== undefined) failures.push(failure);
      continue;
    }
    const values = ids.map((id) => (shown.has(id) ? answers[id] : undefined));
    if (!values.every((v): v is number => typeof v === "number")) continue;
    if (check.kind === "sum") {
      const actual = roundCents(values.slice(0, -1).reduce((a, b) => a + b, 0));
      const expected = values.at(-1)!;
      if (actual !== roundCents(expected)) failures.push({ check, anchor: check.total, actual, expected });
    } else if (values[0]! > values[1]!) {
      failures.push({ check, anchor: check.field, actual: values[0]!, expected: values[1]! });
    }
  }
  return failures;
}

// Some given and some left out (null); a field not yet asked (undefined) is neither, so a conversation can go on.
function allOrNoneFailure(check: CrossCheck, ids: string[], answers: Answers): CheckFailure | undefined {
  const given = ids.filter((id) => answers[id] !== undefined && answers[id] !== null);
  const left = ids.find((id) => answers[id] === null);
  if (given.length === 0 || left === undefined) return undefined;
  return { check, anchor: left, actual: given.length, expected: ids.length };
}

// Amounts have öre; summing binary floats must not report 0.1 + 0.2 ≠ 0.3.
function roundCents(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The first shown required field that has no answer yet. */
export function firstMissingRequired(form: FormDefinition, answers: Answers): Field | undefined {
  return visibleFields(form, answers).find((f) => f.required && (answers[f.id] === undefined || answers[f.id] === null));
}

/** The answers as submitted: every shown field (null when skipped), nothing from hidden fields. */
export function normalizeAnswers(form: FormDefinition, answers: Answers): Answers {
  const result: Answers = {};
  for (const field of visibleFields(form, answers)) result[field.id] = answers[field.id] ?? null;
  return result;
}
