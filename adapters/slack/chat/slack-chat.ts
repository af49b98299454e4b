import type { WebClient } from "@slack/web-api";
import type { ChatPort, ConversationRef, SendOptions } from "../../../src/chat/chat-port.ts";
import type { FormView, Message } from "../../../src/chat/message.ts";
import { errorFields, SamverkaError } from "../../../src/shared/errors.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import type { Logger } from "../../../src/shared/logger.ts";
import { renderFormView } from "../blocks/form-view.ts";
import { renderMessage } from "../blocks/message-blocks.ts";
import { channelOf, decodeConversation, decodeMessage, encodeConversation, encodeMessage } from "../refs.ts";
import { slackMessages } from "../slack.messages.ts";
import { findPostedByKey, outboxMetadata } from "./find-posted.ts";
import { OPEN_FORM_ACTION, type FormOrigin, type PendingForms } from "./pending-forms.ts";
import { callSlack } from "./slack-errors.ts";

/** The ChatPort over Slack's Web API, plus the modal calls the reply needs with their origin. */
export interface SlackChat extends ChatPort {
  /** Opens a modal with a trigger id, remembering where it came from. */
  openModal(triggerId: string, form: FormView, origin: FormOrigin): Promise<void>;
  /** Without a trigger id: keeps the form and shows `userId` a button that opens it. */
  offerForm(userId: string, form: FormView, origin: FormOrigin): Promise<void>;
  /** Opens a form kept by `offerForm` when its button is clicked; false when it is gone or someone else's. */
  openOfferedForm(triggerId: string, id: string, userId: string): Promise<boolean>;
  /** Shows `userId` alone a message in a channel (chat.postEphemeral). */
  postEphemeral(conversation: ConversationRef, userId: string, message: Message): Promise<void>;
}

/** Creates the ChatPort for the workspace of `client`'s bot token. */
export function createSlackChat(client: WebClient, locale: Locale, forms: PendingForms, logger: Logger): SlackChat {
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
  // A re-send first looks for the message under its key: Slack may have accepted the earlier try unbeknown to us.
  const alreadyPosted = async (channel: string, options: SendOptions): Promise<string | undefined> => {
    if (options.resendSince === undefined) return undefined;
    try {
      const ts = await findPostedByKey(client, channel, options.key, options.resendSince);
      return ts === undefined ? undefined : encodeMessage({ channel, ts });
    } catch (error) {
      if (error instanceof SamverkaError && error.retryable) throw error;
      logger.warn(
        { ...errorFields(error), key: options.key },
        "could not look for an earlier copy before sending again (add channels:history and groups:history, see apps/slack/manifest.yaml); sending, which may repeat it",
      );
      return undefined;
    }
  };
  const postTo = async (channel: string, message: Message, options?: SendOptions): Promise<string> => {
    if (options !== undefined) {
      const found = await alreadyPosted(channel, options);
      if (found !== undefined) return found;
    }
    const metadata = options === undefined ? {} : { metadata: outboxMetadata(options.key) };
    const res = await callSlack("chat.postMessage", () => client.chat.postMessage({ channel, ...renderMessage(message), ...metadata }));
    if (res.ts === undefined) throw new SamverkaError("platform_rejected", "Slack answered chat.postMessage without a message ts.");
    return encodeMessage({ channel: res.channel ?? channel, ts: res.ts });
  };
  const postEphemeral: SlackChat["postEphemeral"] = async (conversation, userId, message) => {
    const channel = decodeConversation(conversation);
    await callSlack("chat.postEphemeral", () => client.chat.postEphemeral({ channel, user: userId, ...renderMessage(message) }));
  };
  const openModal: SlackChat["openModal"] = async (triggerId, form, origin) => {
    const view = renderFormView(form, origin, locale);
    await callSlack("views.open", () => client.views.open({ trigger_id: triggerId, view }));
  };
  const offerForm: SlackChat["offerForm"] = async (userId, form, origin) => {
    const id = await forms.save(userId, { form, origin });
    const t = createTranslator(slackMessages, form.locale ?? locale);
    const text = t("formReady", { title: form.title });
    const message: Message = {
      text,
      blocks: [
        { type: "text", text },
        { type: "buttons", buttons: [{ actionId: OPEN_FORM_ACTION, label: t("openForm"), value: id, style: "primary" }] },
      ],
    };
    const channel = decodeConversation(origin.conversation);
    // In a channel only the person who asked sees the button; the form is theirs.
    if (channel.startsWith("D")) await postTo(channel, message);
    else await postEphemeral(origin.conversation, userId, message);
  };
  return {
    platform: "slack",
    channelRef: (channelId) => encodeConversation(channelId),
    channelIdOf: (ref) => channelOf(ref),
    async post(conversation, message, options) {
      return postTo(decodeConversation(conversation), message, options);
    },
    async update(ref, message) {
      const { channel, ts } = decodeMessage(ref);
      await callSlack("chat.update", () => client.chat.update({ channel, ts, ...renderMessage(message) }));
    },
    async delete(ref) {
      const { channel, ts } = decodeMessage(ref);
      await callSlack("chat.delete", () => client.chat.delete({ channel, ts }));
    },
    async directConversation(userId) {
      return encodeConversation(await directChannel(userId));
    },
    async sendDirect(userId, message, options) {
      return postTo(await directChannel(userId), message, options);
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
    postEphemeral,
    openModal,
    offerForm,
    async openOfferedForm(triggerId, id, userId) {
      const pending = await forms.find(id, userId);
      if (pending === undefined) return false;
      await openModal(triggerId, pending.form, pending.origin);
      return true;
    },
  };
}
