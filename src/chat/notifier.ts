import type { Audience } from "../outbox/outbox.ts";
import type { FileAttachment, Message } from "./message.ts";

/** Composes a message for one audience; called once per language/time zone that is needed, when it is recorded. */
export type Compose = (audience: Audience) => Message;

/** A message rendered when it is sent (and on every refresh) from the rows it describes, by a registered renderer. */
export interface Live {
  render: string;
  payload: Record<string, unknown>;
}

/** What to send: composed now, or rendered live at send time. */
export type Content = Compose | Live;

/** Which of a partnership's channels to post to. */
export interface ChannelFilter {
  purpose?: "partnership" | "group" | "alerts";
  groupId?: string;
}

/**
 * Identity of a message. `key` names what the message is (`coldnight:<alert>:prompt`); the notifier adds the
 * recipient, so recording the same message again records nothing new. `card` groups the live copies a
 * `refreshCard` re-renders in place.
 */
export interface SendOptions {
  key: string;
  card?: string;
}

/** One direct message of many recorded together. */
export interface DirectMessage {
  memberId: string;
  content: Content;
  options: SendOptions;
}

/**
 * Sends to members and channels across every platform a partnership uses. Every message is recorded as an outbox row
 * (in the caller's transaction when it has one) and delivered by a job: retried, paced, sent once.
 */
export interface Notifier {
  /** A direct message to a member (their first identity; the others are fallbacks). Returns 0 when they have no identity on a configured platform. */
  toMember(memberId: string, content: Content, options: SendOptions): Promise<number>;
  /** Direct messages to many members, recorded together (one read and one insert for all); returns how many were recorded. */
  toMembers(messages: readonly DirectMessage[]): Promise<number>;
  /** Posts to the partnership's channels matching the filter, on every configured platform; returns how many. */
  toChannels(partnershipId: string, filter: ChannelFilter, content: Content, options: SendOptions): Promise<number>;
  /** Re-renders every sent copy of a card in place, soon; changes close together coalesce into one refresh. */
  refreshCard(card: string, partnershipId: string | null): Promise<void>;
  /**
   * Takes back every copy of the messages recorded under `keyPrefixes`: each stored row keeps only `content`, and each
   * delivered copy is replaced in place by it (deleted where the platform will not replace it) by a row keyed
   * `<key>:<row id>`; a copy that cannot be taken back is listed for samordning. Returns how many delivered copies.
   */
  retract(keyPrefixes: readonly string[], content: Compose, options: SendOptions): Promise<number>;
  /** Attaches a file in a member's direct conversation; returns 0 when they cannot be reached. */
  fileToMember(memberId: string, file: FileAttachment, options: SendOptions): Promise<number>;
  /** Attaches a file to the matching channels; returns how many. */
  fileToChannels(partnershipId: string, filter: ChannelFilter, file: FileAttachment, options: SendOptions): Promise<number>;
}
