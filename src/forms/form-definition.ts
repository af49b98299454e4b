import { z } from "zod";

/** A prompt in both languages Samverka speaks. */
export const localizedTextSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const fieldId = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, "field ids are lower_snake_case, at most 48 characters");

/** When a field is shown: only when an earlier answer calls for it. */
const conditionSchema = z.union([
  z.strictObject({ field: fieldId, equals: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ field: fieldId, oneOf: z.array(z.string()).min(1) }),
  z.strictObject({ field: fieldId, greaterThan: z.number() }),
]);
export type Condition = z.infer<typeof conditionSchema>;

const common = {
  id: fieldId,
  label: localizedTextSchema,
  /** A short name for summaries and compilations ("Kvinnor" for "Hur många av dem var kvinnor?"). */
  short: localizedTextSchema.optional(),
  help: localizedTextSchema.optional(),
  required: z.boolean().default(true),
  showIf: conditionSchema.optional(),
  /** Name of a figure the bot already knows (e.g. `coldNights`), used to prefill the answer. */
  prefill: z.string().optional(),
};

const choiceSchema = z.strictObject({ value: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: localizedTextSchema });
export type FieldChoice = z.infer<typeof choiceSchema>;

/** How a figure adds up over organisations: counts and amounts are summed, a percentage is averaged. */
const total = z.enum(["sum", "average"]).default("sum");

/** One question; the type decides how an answer is parsed and checked. */
export const fieldSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...common, type: z.literal("integer"), min: z.number().int().optional(), max: z.number().int().optional(), total }),
  z.strictObject({
    ...common,
    type: z.literal("decimal"),
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.number().int().min(0).max(6).default(2),
    total,
  }),
  z.strictObject({ ...common, type: z.literal("amount"), min: z.number().optional(), max: z.number().optional(), total }),
  // One option is a choice too when the bot builds it from data (the one shelter still silent).
  z.strictObject({ ...common, type: z.literal("choice"), choices: z.array(choiceSchema).min(1) }),
  z.strictObject({
    ...common,
    type: z.literal("multichoice"),
    choices: z.array(choiceSchema).min(2),
    minSelected: z.number().int().min(0).optional(),
    maxSelected: z.number().int().min(1).optional(),
  }),
  z.strictObject({ ...common, type: z.literal("date"), min: z.iso.date().optional(), max: z.iso.date().optional() }),
  z.strictObject({ ...common, type: z.literal("yesno") }),
  /** A time of day, stored as `HH.mm` (23.40). */
  z.strictObject({ ...common, type: z.literal("time") }),
  z.strictObject({ ...common, type: z.literal("text"), maxLength: z.number().int().min(1).max(4000), multiline: z.boolean().default(false) }),
]);
export type Field = z.infer<typeof fieldSchema>;

/** A check across fields, e.g. women + men + other/unknown = total. */
export const crossCheckSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("sum"), parts: z.array(fieldId).min(2), total: fieldId }),
  z.strictObject({ kind: z.literal("atMost"), field: fieldId, max: fieldId }),
  /** Optional fields answered together or not at all (an action item's text, owner and due date). */
  z.strictObject({ kind: z.literal("allOrNone"), fields: z.array(fieldId).min(2) }),
]);
export type CrossCheck = z.infer<typeof crossCheckSchema>;

/** The fields a check reads, in order (for `sum` the total last). */
export function fieldsOfCheck(check: CrossCheck): string[] {
  switch (check.kind) {
    case "sum":
      return [...check.parts, check.total];
    case "atMost":
      return [check.field, check.max];
    case "allOrNone":
      return check.fields;
  }
}

/** A form declared as data: one definition drives the conversation, the modal/card and the compilation. */
export const formDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_-]{0,47}$/),
    title: localizedTextSchema,
    fields: z.array(fieldSchema).min(1),
    checks: z.array(crossCheckSchema).default([]),
  })
  .superRefine((form, ctx) => {
    const seen = new Map<string, Field>();
    form.fields.forEach((field, index) => {
      if (seen.has(field.id)) ctx.addIssue({ code: "custom", path: ["fields", index, "id"], message: `duplicate field id ${field.id}` });
      // A condition may only look back, so a conversation never depends on an answer not yet given.
      if (field.showIf !== undefined && !seen.has(field.showIf.field)) {
        ctx.addIssue({ code: "custom", path: ["fields", index, "showIf"], message: `${field.showIf.field} must be an earlier field` });
      }
      seen.set(field.id, field);
    });
    form.checks.forEach((check, index) => {
      for (const id of fieldsOfCheck(check)) {
        const field = seen.get(id);
        if (check.kind === "allOrNone") {
          // A required field is always answered, so it could never be left out with the others.
          if (field === undefined || field.required)
            ctx.addIssue({ code: "custom", path: ["checks", index], message: `${id} must be an optional field of the form` });
        } else if (field === undefined || !isNumeric(field)) {
          ctx.addIssue({ code: "custom", path: ["checks", index], message: `${id} must be a numeric field of the form` });
        }
      }
    });
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** An answer as stored: numbers for numeric fields, ISO date strings, choice values, booleans; null = skipped. */
export type AnswerValue = number | string | string[] | boolean;
export type Answers = Record<string, AnswerValue | null>;

/** Whether a field's answers are numbers (and so can be summed and compiled). */
export function isNumeric(field: Field): field is Extract<Field, { type: "integer" | "decimal" | "amount" }> {
  return field.type === "integer" || field.type === "decimal" || field.type === "amount";
}

/** The field's short name, or its full label when it has none. */
export function shortLabel(field: Field, locale: "sv" | "en"): string {
  return (field.short ?? field.label)[locale];
}

/** Parses a definition from data (a partnership file, a stored snapshot); throws on an invalid one. */
export function parseFormDefinition(data: unknown): FormDefinition {
  return formDefinitionSchema.parse(data);
}
