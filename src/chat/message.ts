/** Neutral message pieces; each adapter renders them (Block Kit, Adaptive Cards). */

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
}

/** A file to attach to a conversation. */
export interface FileAttachment {
  filename: string;
  mimeType: string;
  content: Buffer;
  comment?: string;
}

/** Shorthand for a message of plain text blocks. */
export function textMessage(text: string, ...more: string[]): Message {
  return { text, blocks: [text, ...more].map((t) => ({ type: "text", text: t })) };
}
