import type { InboundEvent } from "../../../src/chat/inbound.ts";
import type { PlatformUser } from "../../../src/chat/chat-port.ts";
import { fromSlackActionId } from "../blocks/action-id.ts";
import { decodeFormMetadata } from "../blocks/form-metadata.ts";
import { decodeConversation, decodeMessage, encodeConversation, encodeMessage } from "../refs.ts";
import { readFormValues } from "./form-values.ts";
import {
  blockActionsSchema,
  eventCallbackSchema,
  slashCommandSchema,
  viewSubmissionSchema,
  type BlockActionsPayload,
  type EventCallbackPayload,
  type SlashCommandPayload,
  type ViewSubmissionPayload,
} from "./payloads.ts";

/** Where and to whom the adapter answers an event. */
export interface ReplyOrigin {
  /** Channel id (C…, G… or D…). */
  channel: string;
  userId: string;
  responseUrl?: string;
  triggerId?: string;
  /** The message carrying the clicked element. */
  source?: { ts: string; ephemeral: boolean };
}

/** A Slack payload translated for the core, or the reason it is none of the core's business. */
export type Translated =
  | { kind: "event"; event: Exclude<InboundEvent, { type: "form" }>; origin: ReplyOrigin }
  | { kind: "form"; event: Extract<InboundEvent, { type: "form" }>; origin: ReplyOrigin; inputIds: string[]; title: string }
  | { kind: "ignored"; reason: string };

function slackUser(userId: string, displayName?: string): PlatformUser {
  return { platform: "slack", userId, ...(displayName === undefined ? {} : { displayName }) };
}

function withoutMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId === undefined ? /^\s*<@[A-Z0-9]+(\|[^>]*)?>/ : new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g");
  return text.replace(mention, "").trim();
}

function fromCommand(p: SlashCommandPayload): Translated {
  const channel = p.channel_id;
  return {
    kind: "event",
    event: {
      type: "command",
      user: slackUser(p.user_id, p.user_name),
      conversation: encodeConversation(channel),
      text: p.text.trim(),
    },
    origin: { channel, userId: p.user_id, responseUrl: p.response_url, triggerId: p.trigger_id },
  };
}

function fromEvent(p: EventCallbackPayload, botUserId: string | undefined): Translated {
  const e = p.event;
  if (e.type === "app_mention" && "user" in e && "text" in e) {
    const channel = e.channel;
    const event = {
      type: "message",
      user: slackUser(e.user),
      conversation: encodeConversation(channel),
      text: withoutMention(e.text, botUserId),
      direct: false,
    } as const;
    return { kind: "event", event, origin: { channel, userId: e.user } };
  }
  if (e.type === "message" && "channel" in e && "text" in e) {
    // Edits, joins and bot posts (our own included) are not someone talking to the bot.
    if (e.channel_type !== "im" || e.subtype !== undefined || e.bot_id !== undefined || e.user === undefined) {
      return { kind: "ignored", reason: `message ${e.subtype ?? e.channel_type ?? "without user"}` };
    }
    const channel = e.channel;
    const event = { type: "message", user: slackUser(e.user), conversation: encodeConversation(channel), text: e.text.trim(), direct: true } as const;
    return { kind: "event", event, origin: { channel, userId: e.user } };
  }
  if (e.type === "member_joined_channel" && "user" in e && "channel" in e) {
    if (botUserId === undefined || e.user !== botUserId) return { kind: "ignored", reason: "someone else joined a channel" };
    const channel = e.channel;
    return { kind: "event", event: { type: "installed", conversation: encodeConversation(channel), direct: false }, origin: { channel, userId: e.user } };
  }
  return { kind: "ignored", reason: `event ${e.type}` };
}

function fromBlockActions(p: BlockActionsPayload): Translated {
  const action = p.actions[0];
  const channel = p.container.channel_id ?? p.channel?.id;
  if (action === undefined || channel === undefined) return { kind: "ignored", reason: "action outside a message" };
  const ts = p.container.type === "message" ? p.container.message_ts : undefined;
  return {
    kind: "event",
    event: {
      type: "action",
      user: slackUser(p.user.id, p.user.name ?? p.user.username),
      conversation: encodeConversation(channel),
      ...(ts === undefined ? {} : { message: encodeMessage({ channel, ts }) }),
      actionId: fromSlackActionId(action.action_id),
      value: action.value ?? action.selected_option?.value ?? "",
    },
    origin: {
      channel,
      userId: p.user.id,
      triggerId: p.trigger_id,
      ...(p.response_url === undefined ? {} : { responseUrl: p.response_url }),
      ...(ts === undefined ? {} : { source: { ts, ephemeral: p.container.is_ephemeral === true } }),
    },
  };
}

function fromViewSubmission(p: ViewSubmissionPayload): Translated {
  const meta = decodeFormMetadata(p.view.private_metadata);
  if (meta === undefined) return { kind: "ignored", reason: `modal ${p.view.callback_id} was not opened by Samverka` };
  const channel = decodeConversation(meta.conversation);
  const source = meta.message === undefined ? undefined : decodeMessage(meta.message);
  const values = p.view.state.values;
  return {
    kind: "form",
    event: {
      type: "form",
      user: slackUser(p.user.id, p.user.name ?? p.user.username),
      conversation: meta.conversation,
      formId: p.view.callback_id,
      state: meta.state,
      values: readFormValues(values),
      ...(meta.message === undefined ? {} : { message: meta.message }),
    },
    origin: {
      channel,
      userId: p.user.id,
      ...(meta.responseUrl === undefined ? {} : { responseUrl: meta.responseUrl }),
      ...(source === undefined ? {} : { source: { ts: source.ts, ephemeral: false } }),
    },
    inputIds: Object.keys(values),
    title: p.view.title?.text ?? "",
  };
}

/** Validates a Slack body (already signature-checked) and translates it; throws a ZodError for malformed ones. */
export function translateSlackBody(body: unknown, context: { botUserId?: string | undefined }): Translated {
  const type = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  if (typeof type.command === "string") return fromCommand(slashCommandSchema.parse(body));
  switch (type.type) {
    case "event_callback":
      return fromEvent(eventCallbackSchema.parse(body), context.botUserId);
    case "block_actions":
      return fromBlockActions(blockActionsSchema.parse(body));
    case "view_submission":
      return fromViewSubmission(viewSubmissionSchema.parse(body));
    default:
      return { kind: "ignored", reason: `payload ${String(type.type)}` };
  }
}
