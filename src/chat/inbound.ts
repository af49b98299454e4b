import type { ConversationRef, InteractionRef, MessageRef, PlatformUser } from "./chat-port.ts";
import type { FormView, Message } from "./message.ts";
import type { Locale } from "../shared/i18n.ts";

/** Submitted form values by field id, as the platform delivered them (strings; arrays for multi-choice). */
export type FormValues = Record<string, string | string[] | undefined>;

/**
 * An event from a platform, already verified and translated by its adapter. `delivery` names the inbox row it was
 * recorded as: the same when a crashed handling is handled again, so keys of what it sends can derive from it.
 */
export type InboundEvent =
  | { type: "command"; user: PlatformUser; conversation: ConversationRef; text: string; interaction?: InteractionRef; delivery?: string }
  | { type: "message"; user: PlatformUser; conversation: ConversationRef; text: string; direct: boolean; delivery?: string }
  | {
      type: "action";
      delivery?: string;
      user: PlatformUser;
      conversation: ConversationRef;
      message?: MessageRef;
      actionId: string;
      value: string;
      interaction?: InteractionRef;
    }
  | {
      type: "form";
      delivery?: string;
      user: PlatformUser;
      conversation: ConversationRef;
      formId: string;
      state: string;
      values: FormValues;
      message?: MessageRef;
    }
  | { type: "installed"; conversation: ConversationRef; direct: boolean; user?: PlatformUser; delivery?: string };

/** How a handler answers the event it was given; each adapter implements it for its context. */
export interface Reply {
  /** Answers in the conversation the event came from (visible to all there). */
  say(message: Message): Promise<MessageRef>;
  /** Answers only the person who acted (ephemeral in Slack, 1:1 in Teams). */
  whisper(message: Message): Promise<void>;
  /** Replaces the message that carried the clicked button. */
  updateSource(message: Message): Promise<void>;
  /** Opens a form for the person who acted. */
  openForm(form: FormView): Promise<void>;
}

/** The outcome of a form submission: accepted, or refused with errors per field id (shown on the form); the key "" is an error for the form as a whole. */
export type FormResult = { ok: true; message?: Message } | { ok: false; errors: Record<string, string>; form?: FormView };

/** The single entry point adapters call for every inbound event. */
export interface InboundHandler {
  handle(event: InboundEvent, reply: Reply): Promise<FormResult | void>;
}

/** The language a person reads (the deployment's for someone unknown), for an adapter's own words outside any message. */
export type LocaleOf = (user: PlatformUser | undefined) => Promise<Locale>;
