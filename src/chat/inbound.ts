import type { ConversationRef, MessageRef, PlatformUser } from "./chat-port.ts";
import type { FormView, Message } from "./message.ts";
import type { Locale } from "../shared/i18n.ts";

/** Submitted form values by field id, as the platform delivered them (strings; arrays for multi-choice). */
export type FormValues = Record<string, string | string[] | undefined>;

/**
 * An event from a platform, already verified and translated by its adapter. `delivery` names the inbox row it was
 * recorded as: the same when a crashed handling is handled again, so keys of what it sends can derive from it.
 */
export type InboundEvent =
  | { type: "command"; user: PlatformUser; conversation: ConversationRef; text: string; delivery?: string }
  | { type: "message"; user: PlatformUser; conversation: ConversationRef; text: string; direct: boolean; delivery?: string }
  | {
      type: "action";
      delivery?: string;
      user: PlatformUser;
      conversation: ConversationRef;
      message?: MessageRef;
      actionId: string;
      value: string;
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

/**
 * How a feature answers the event it was given. The feature says whom an answer is for; `createReply` (reply.ts) is the
 * one rule that decides how each platform delivers it, from what the adapter's `ReplyPort` can do.
 */
export interface Reply {
  /** An answer for everyone in the conversation the event came from (a declared cold night, an agenda item added). */
  say(message: Message): Promise<MessageRef>;
  /** An answer for the person who acted only (status, questions, refusals): never shown to the others there. */
  whisper(message: Message): Promise<void>;
  /** News for the others in a shared conversation, when the person already has their own copy: nothing in a 1:1 chat. */
  announce(message: Message): Promise<void>;
  /** Tells the person in a shared conversation that their answer went to their 1:1 chat another way (the outbox). */
  pointToDirect(): Promise<void>;
  /** Replaces the message that carried the clicked button. */
  updateSource(message: Message): Promise<void>;
  /** Opens a form for the person who acted (forms are theirs: never one the others could fill in). */
  openForm(form: FormView): Promise<void>;
}

/**
 * What a platform can do to answer one inbound event; each adapter implements it, and `createReply` chooses among it.
 * Nothing here decides who sees an answer.
 */
export interface ReplyPort {
  /** The event came from the person's 1:1 chat with the bot, where every answer is theirs alone. */
  readonly direct: boolean;
  /** Posts in the conversation the event came from, for everyone there. */
  post(message: Message): Promise<MessageRef>;
  /**
   * Shows the person alone a message inside the shared conversation, where the platform has such messages (Slack:
   * ephemeral, and modals for forms); undefined where it has none (Teams).
   */
  readonly showPrivately: ((message: Message) => Promise<void>) | undefined;
  /**
   * Shows the person alone a one-line notice, while the platform still lets one answer their request (Teams: the banner
   * answering a button press); false when it no longer can.
   */
  notice?(text: string): boolean;
  /** Sends to the person's 1:1 chat with the bot. */
  sendDirect(message: Message): Promise<MessageRef>;
  /** Replaces the message that carried the clicked button. */
  updateSource(message: Message): Promise<void>;
  /** Opens a form for the person in this conversation or in their 1:1 chat. */
  openForm(form: FormView, where: "here" | "direct"): Promise<void>;
}

/** The outcome of a form submission: accepted, or refused with errors per field id (shown on the form); the key "" is an error for the form as a whole. */
export type FormResult = { ok: true; message?: Message } | { ok: false; errors: Record<string, string>; form?: FormView };

/** The single entry point adapters call for every inbound event. */
export interface InboundHandler {
  handle(event: InboundEvent, port: ReplyPort): Promise<FormResult | void>;
}

/** The language a person reads (the deployment's for someone unknown), for an adapter's own words outside any message. */
export type LocaleOf = (user: PlatformUser | undefined) => Promise<Locale>;
