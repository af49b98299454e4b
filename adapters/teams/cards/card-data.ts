import { z } from "zod";

/** Input ids of form fields carry this prefix, so a field id can never collide with the card's own data keys. */
export const FIELD_INPUT_PREFIX = "field.";
/** Input id prefix of a `select` block's choice set. */
export const SELECT_INPUT_PREFIX = "select.";
/** The verb of a form's submit button (buttons use their actionId as verb). */
export const FORM_VERB = "samverka.form";

const choiceSchema = z.object({ value: z.string(), label: z.string() });

/** The form a card was rendered from; it travels with the submission so a refused one can be shown again. */
const formViewSchema = z.object({
  formId: z.string(),
  title: z.string(),
  submitLabel: z.string(),
  state: z.string(),
  intro: z.string().optional(),
  fields: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      kind: z.enum(["text", "multiline", "number", "date", "choice", "multichoice", "yesno"]),
      required: z.boolean(),
      help: z.string().optional(),
      choices: z.array(choiceSchema).optional(),
      initial: z.union([z.string(), z.array(z.string())]).optional(),
      maxLength: z.number().optional(),
    }),
  ),
  locale: z.enum(["sv", "en"]).optional(),
});

/** What a Samverka card action carries in `data` (Action.Execute) or `value` (Action.Submit), besides the inputs. */
export const cardDataSchema = z.discriminatedUnion("samverka", [
  z.object({ samverka: z.literal("action"), actionId: z.string().min(1), value: z.string() }),
  z.object({ samverka: z.literal("select"), actionId: z.string().min(1), input: z.string().min(1) }),
  z.object({ samverka: z.literal("form"), formId: z.string().min(1), state: z.string(), view: formViewSchema.optional() }),
]);

export type CardData = z.infer<typeof cardDataSchema>;
