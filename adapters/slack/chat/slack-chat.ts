import type { WebClient } from "@slack/web-api";
import type { ChatPort } from "../../../src/chat/chat-port.ts";
import type { FormView, Message } from "../../../src/chat/message.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import type { Locale } from "../../../src/shared/i18n.ts";
import { renderFormView } from "../blocks/form-view.ts";
import { renderMessage } from "../blocks/message-blocks.ts";
import { channelOf, decodeConversation, decodeInteraction, decodeMessage, encodeConversation, encodeMessage } from "../refs.ts";
import { callSlack } from "./slack-errors.ts";

/** The ChatPort over Slack's Web API, plus the modal call the reply needs with its origin. */
export interface SlackChat extends ChatPort {
  /** Opens a modal with a trigger id, remembering where it came from. */
  openModal(triggerId: string, form: FormView, origin: { conversation: string; message?: string; responseUrl?: string }): Promise<void>;
}

/** Creates the ChatPort for the workspace of `client`'s bot token. */
export function createSlackChat(client: WebClient, locale: Locale): SlackChat {
  // conversations.open is idempotent but rate-limited (tier 3); a user's DM channel never changes.
  const directChannels = new Map<string, string>();
  const directChannel = async (userId: string): Promise<string> => {
    const known = directChannels.get(userId);
    if (known !== undefined) return known;
    const opened = await callSlack("conversations.open", () => client.conversations.open({ users: userId }));
    const channel = opened.channel?.id;
    if (channel === undefined) throw new SamverkaError("platform_rejected", `Slack opened no direct conversation with ${userId}.`);
    directChannels.set(userId, channel);
    return channel;
  };
  const postTo = async (channel: string, message: Message): Promise<string> => {
    const res = await callSlack("chat.postMessage", () => client.chat.postMessage({ channel, ...renderMessage(message) }));
    if (res.ts === undefined) throw new SamverkaError("platform_rejected", "Slack answered chat.postMessage without a message ts.");
    return encodeMessage({ channel: res.channel ?? channel, ts: res.ts });
  };
  const openModal: SlackChat["openModal"] = async (triggerId, form, origin) => {
    const view = renderFormView(form, origin, locale);
    await callSlack("views.open", () => client.views.open({ trigger_id: triggerId, view }));
  };
  return {
    platform: "slack",
    channelRef: (channelId) => encodeConversation(channelId),
    channelIdOf: (ref) => channelOf(ref),
    async post(conversation, message) {
      return postTo(decodeConversation(conversation), message);
    },
    async update(ref, message) {
      const { channel, ts } = decodeMessage(ref);
      await callSlack("chat.update", () => client.chat.update({ channel, ts, ...renderMessage(message) }));
    },
    async directConversation(userId) {
      return encodeConversation(await directChannel(userId));
    },
    async sendDirect(userId, message) {
      return postTo(await directChannel(userId), message);
    },
    async postPrivate(conversation, userId, message) {
      const channel = decodeConversation(conversation);
      await callSlack("chat.postEphemeral", () => client.chat.postEphemeral({ channel, user: userId, ...renderMessage(message) }));
    },
    async openForm(target, form) {
      const triggerId = decodeInteraction(target.interaction);
      if (triggerId === undefined) {
        throw new SamverkaError("invalid_input", "Slack opens a form only in reply to a command or click (no trigger id was given).");
      }
      await openModal(triggerId, form, { conversation: target.conversation });
    },
    async attachFile(conversation, file) {
      const channel = decodeConversation(conversation);
      await callSlack("files.uploadV2", () =>
        client.files.uploadV2({
          channel_id: channel,
          file: file.content,
          filename: file.filename,
          title: file.filename,
          ...(file.comment === undefined ? {} : { initial_comment: file.comment }),
        }),
      );
    },
    openModal,
  };
}
