/**
 * Neutral message pieces; each adapter renders them (Block Kit, Adaptive Cards). Text is Samverka's rich text
 * (src/shared/rich-text.ts: `**bold**`, `` `type this` ``), never a platform's markup.
 */
import type { Locale } from "../shared/i18n.ts";

/** A button whose click comes back as an `action` event carrying `actionId` and `value`. */
export interface Button {
  actionId: string;
  label: string;
  value: string;
  style?: "primary" | "danger";
}

/** One choice in a select or a form field. */
export interface Choice {
  value: string;
  label: string;
}

/** One piece of a message. */
export type Block =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "facts"; facts: { label: string; value: string }[] }
  | { type: "list"; items: string[] }
  | { type: "buttons"; buttons: Button[] }
  | { type: "select"; actionId: string; placeholder: string; choices: Choice[] }
  | { type: "divider" };

/** A message as the core composes it: `text` is the notification/fallback line, `blocks` the body. */
export interface Message {
  text: string;
  blocks: Block[];
  /**
   * The language of its reader, for the words the adapter adds itself (Ja/Nej, Välj, Ladda ner). The reply sets it
   * to the person's and the outbox to the recipient's; unset, the adapter uses the deployment's.
   */
  locale?: Locale;
}

/** A field in a form (a Slack modal or a Teams card with inputs). */
export interface FormField {
  id: string;
  label: string;
  kind: "text" | "multiline" | "number" | "date" | "choice" | "multichoice" | "yesno";
  required: boolean;
  help?: string;
  choices?: Choice[];
  initial?: string | string[];
  maxLength?: number;
}

/** A whole form; `state` comes back untouched with the submission. */
export interface FormView {
  formId: string;
  title: string;
  submitLabel: string;
  state: string;
  intro?: string;
  fields: FormField[];
  /** Errors per field id, shown on the fields when a submission was refused. */
  errors?: Record<string, string>;
  /** The language of the person filling it in, for the adapter's own words (as `Message.locale`). */
  locale?: Locale;
}

/** A file to attach to a conversation. */
export interface FileAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
  comment?: string;
  /** The language of its reader, for the adapter's own words (as `Message.locale`). */
  locale?: Locale;
}

/** Shorthand for a message of plain text blocks. */
export function textMessage(text: string, ...more: string[]): Message {
  return { text, blocks: [text, ...more].map((t) => ({ type: "text", text: t })) };
}
