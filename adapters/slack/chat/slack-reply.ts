import type { ReplyPort } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import { slackMessages } from "../slack.messages.ts";
import { renderMessage } from "../blocks/message-blocks.ts";
import type { ReplyOrigin } from "../parse/translate.ts";
import { encodeConversation, encodeMessage } from "../refs.ts";
import type { SlackChat } from "./slack-chat.ts";
import { callSlack, isNotInChannel } from "./slack-errors.ts";

/** Posts to a command's or click's response_url (valid 30 minutes, works where the bot is not a member). */
async function postToResponseUrl(url: string, body: object): Promise<void> {
  await callSlack("response_url", async () => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await res.text()}`);
  });
}

/** What Slack can do to answer one inbound event, where and to whom it came from (the rule is `createReply`'s). */
export function createSlackReplyPort(chat: SlackChat, origin: ReplyOrigin, locale: Locale): ReplyPort {
  const conversation = encodeConversation(origin.channel);
  // Direct conversations (D…) are private already, and ephemeral messages there vanish on reload.
  const direct = origin.channel.startsWith("D");
  const post = async (message: Message): Promise<string> => {
    try {
      return await chat.post(conversation, message);
    } catch (error) {
      if (direct || !isNotInChannel(error)) throw error;
      // Nobody has invited the bot here: answer the person in their DM, and say how to invite it.
      const hint = createTranslator(slackMessages, message.locale ?? locale)("notInChannel");
      return chat.sendDirect(origin.userId, { ...message, blocks: [{ type: "text", text: hint }, ...message.blocks] });
    }
  };
  // A command's or click's response_url answers only that person, even where the bot is not a member; an @mention
  // has none, and chat.postEphemeral does the same there.
  const showPrivately = async (message: Message): Promise<void> => {
    if (origin.responseUrl !== undefined)
      await postToResponseUrl(origin.responseUrl, { response_type: "ephemeral", replace_original: false, ...renderMessage(message) });
    else await chat.postEphemeral(conversation, origin.userId, message);
  };
  return {
    direct,
    post,
    showPrivately: direct ? undefined : showPrivately,
    sendDirect: (message) => chat.sendDirect(origin.userId, message),
    async updateSource(message) {
      const source = origin.source;
      if (source === undefined) {
        await post(message);
      } else if (source.ephemeral && origin.responseUrl !== undefined) {
        // chat.update cannot reach an ephemeral message; its response_url can.
        await postToResponseUrl(origin.responseUrl, { replace_original: true, ...renderMessage(message) });
      } else {
        await chat.update(encodeMessage({ channel: origin.channel, ts: source.ts }), message);
      }
    },
    async openForm(form, where) {
      const formOrigin = {
        conversation: where === "here" ? conversation : await chat.directConversation(origin.userId),
        ...(origin.source === undefined ? {} : { message: encodeMessage({ channel: origin.channel, ts: origin.source.ts }) }),
        ...(origin.responseUrl === undefined ? {} : { responseUrl: origin.responseUrl }),
      };
      // A typed message carries no trigger id, and Slack opens modals only with one: offer a button that does.
      if (origin.triggerId === undefined) await chat.offerForm(origin.userId, form, formOrigin);
      else await chat.openModal(origin.triggerId, form, formOrigin);
    },
  };
}
