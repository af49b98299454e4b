import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { PlatformUser } from "../../../src/chat/chat-port.ts";
import type { ReplyPort } from "../../../src/chat/inbound.ts";
import type { Message } from "../../../src/chat/message.ts";
import type { Locale } from "../../../src/shared/i18n.ts";
import { renderFormCard } from "../cards/form-card.ts";
import { renderMessageCard } from "../cards/message-card.ts";
import { encodeMessageRef } from "../refs.ts";
import type { TeamsChat } from "./teams-chat.ts";

/** Where an inbound activity came from: enough to answer it without the store. */
export interface TeamsOrigin {
  conversationId: string;
  serviceUrl: string;
  personal: boolean;
  user: PlatformUser;
  /** The card the person acted on, when they clicked or submitted one. */
  sourceActivityId: string | undefined;
}

/** A ReplyPort that also remembers what an Action.Execute invoke should answer with. */
export interface TeamsReplyPort extends ReplyPort {
  /** The card that replaced the source card, if the handler replaced it. */
  replacedWith(): IAdaptiveCard | undefined;
  /** Replaces the source card (in place and in the invoke response). */
  replaceSource(card: IAdaptiveCard): Promise<void>;
  /** The notice for the invoke's banner, if the handler left one. */
  noticed(): string | undefined;
  /** The text of the last answer only the person saw, for the banner of an Action.Execute that replaced nothing. */
  whispered(): string | undefined;
  /** The invoke was answered (early, past its budget): a notice can no longer reach the person. */
  answered(): void;
}

/**
 * What Teams can do to answer one activity (the rule is `createReply`'s). Teams has no message only one person in a
 * channel sees: `showPrivately` is undefined, and the only private place in a shared conversation is the banner
 * answering an Action.Execute invoke, a notice of one line.
 */
export function createTeamsReplyPort(chat: TeamsChat, origin: TeamsOrigin, locale: Locale, invoke: boolean): TeamsReplyPort {
  let replaced: IAdaptiveCard | undefined;
  let notice: string | undefined;
  let whispered: string | undefined;
  let open = invoke;
  const here = { conversationId: origin.conversationId, serviceUrl: origin.serviceUrl };
  const userId = origin.user.aadObjectId ?? origin.user.userId;

  async function replaceSource(card: IAdaptiveCard): Promise<void> {
    replaced = card;
    // Without a source (a typed message) there is nothing to replace: the card is posted instead.
    if (origin.sourceActivityId === undefined) {
      await chat.sendCard(here, card);
      return;
    }
    await chat.updateCard({ ...here, activityId: origin.sourceActivityId }, card);
  }

  return {
    direct: origin.personal,
    post: async (message: Message) => {
      if (origin.personal) whispered = message.text;
      return encodeMessageRef(origin.conversationId, await chat.sendCard(here, renderMessageCard(message, locale)));
    },
    showPrivately: undefined,
    notice(text) {
      if (!open) return false;
      notice = text;
      return true;
    },
    sendDirect: (message) => {
      whispered = message.text;
      return chat.sendDirect(userId, message);
    },
    updateSource: (message) => replaceSource(renderMessageCard(message, locale)),
    async openForm(form, where) {
      const card = renderFormCard(form, locale);
      if (where === "here") await chat.sendCard(here, card);
      else await chat.postCard(await chat.directConversation(userId), card);
    },
    replacedWith: () => replaced,
    replaceSource,
    noticed: () => notice,
    whispered: () => whispered,
    answered: () => {
      open = false;
    },
  };
}
