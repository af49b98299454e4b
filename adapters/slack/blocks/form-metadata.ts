import { z } from "zod";
import { SamverkaError } from "../../../src/shared/errors.ts";

/** What a modal carries through Slack and back: the core's state plus where the form was opened. */
export interface FormMetadata {
  /** The core's opaque form state. */
  state: string;
  /** Conversation ref the form belongs to. */
  conversation: string;
  /** Message ref whose button opened the form, so the submission can update it. */
  message?: string;
  /** The command's or click's response_url, to answer privately even where the bot is not a member. */
  responseUrl?: string;
}

const schema = z.object({ s: z.string(), c: z.string(), m: z.string().optional(), r: z.string().optional() });

/** Slack's limit for `private_metadata`. */
const MAX_LENGTH = 3000;

/** Serialises the metadata; throws when the core's state is too large for Slack to carry. */
export function encodeFormMetadata(meta: FormMetadata): string {
  const full = JSON.stringify({ s: meta.state, c: meta.conversation, m: meta.message, r: meta.responseUrl });
  if (full.length <= MAX_LENGTH) return full;
  // The response_url is a convenience; the state is not.
  const lean = JSON.stringify({ s: meta.state, c: meta.conversation, m: meta.message });
  if (lean.length <= MAX_LENGTH) return lean;
  throw new SamverkaError(
    "invalid_input",
    `Form state is ${meta.state.length} characters; Slack carries at most ${MAX_LENGTH} in a modal. Keep form state to ids, not data.`,
  );
}

/** Reads metadata this adapter wrote; undefined for a modal that is not ours. */
export function decodeFormMetadata(raw: string): FormMetadata | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return undefined;
  const { s, c, m, r } = parsed.data;
  return { state: s, conversation: c, ...(m === undefined ? {} : { message: m }), ...(r === undefined ? {} : { responseUrl: r }) };
}
