import { SamverkaError } from "../../src/shared/errors.ts";

// One bot token serves one workspace, and channel ids are unique within it, so refs need no team id:
// conversation `slack:<channel>`, message `slack:<channel>:<ts>`. Only this file builds or reads them.

/** A posted Slack message: its channel (C…, G… or D…) and `ts`. */
export interface SlackMessage {
  channel: string;
  ts: string;
}

const CONVERSATION = /^slack:([A-Z0-9]+)$/;
const MESSAGE = /^slack:([A-Z0-9]+):(\d+\.\d+)$/;

/** `slack:<channel>`. */
export function encodeConversation(channel: string): string {
  return `slack:${channel}`;
}

/** `slack:<channel>:<ts>`. */
export function encodeMessage(m: SlackMessage): string {
  return `slack:${m.channel}:${m.ts}`;
}

/** The channel id in a conversation ref of this adapter, or undefined for anything else. */
export function channelOf(ref: string): string | undefined {
  return CONVERSATION.exec(ref)?.[1];
}

/** Decodes a conversation ref; throws `invalid_input` for a ref this adapter did not make. */
export function decodeConversation(ref: string): string {
  const channel = channelOf(ref);
  if (channel === undefined) throw new SamverkaError("invalid_input", `Not a Slack conversation reference: "${ref}" (expected slack:<channel>).`);
  return channel;
}

/** Decodes a message ref; throws `invalid_input` for a ref this adapter did not make. */
export function decodeMessage(ref: string): SlackMessage {
  const match = MESSAGE.exec(ref);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new SamverkaError("invalid_input", `Not a Slack message reference: "${ref}" (expected slack:<channel>:<ts>).`);
  }
  return { channel: match[1], ts: match[2] };
}
