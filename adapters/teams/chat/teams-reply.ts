import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { PlatformUser } from "../../../src/chat/chat-port.ts";
import type { Reply } from "../../../src/chat/inbound.ts";
import type { FormView, Message } from "../../../src/chat/message.ts";
import type { Locale } from "../../../src/shared/i18n.ts";
import { renderMessageCard } from "../cards/message-card.ts";
import { encodeConversationRef, encodeMessageRef } from "../refs.ts";
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

/** A Reply that also remembers the card an Action.Execute invoke should answer with. */
export interface TeamsReply extends Reply {
  /** The card that replaced the source card, if the handler replaced it. */
  replacedWith(): IAdaptiveCard | undefined;
  /** Replaces the source card (in place and in the invoke response). */
  replaceSource(card: IAdaptiveCard): Promise<void>;
  /** The text of the last answer only the person saw, for the banner of an Action.Execute that replaced nothing. */
  whispered(): string | undefined;
}

/** Creates the Reply for one inbound activity, in the person's `locale`. */
export function createTeamsReply(chat: TeamsChat, origin: TeamsOrigin, locale: Locale): TeamsReply {
  let replaced: IAdaptiveCard | undefined;
  let whispered: string | undefined;
  const here = { conversationId: origin.conversationId, serviceUrl: origin.serviceUrl };
  const conversation = encodeConversationRef(origin.conversationId);

  async function replaceSource(card: IAdaptiveCard): Promise<void> {
    replaced = card;
    // Without a source (a typed message) there is nothing to replace: the card is posted instead.
    if (origin.sourceActivityId === undefined) {
      await chat.sendCard(here, card);
      return;
    }
    await chat.updateCard({ ...here, activityId: origin.sourceActivityId }, card);
  }

  // What answers the person is in their language, unless the core said otherwise (`språk en` answers in English).
  const stamp = <T extends Message | FormView>(m: T): T => ({ ...m, locale: m.locale ?? locale });
  const card = (message: Message) => renderMessageCard(stamp(message), locale);
  return {
    say: async (message: Message) => encodeMessageRef(origin.conversationId, await chat.sendCard(here, card(message))),
    whisper: async (message) => {
      whispered = message.text;
      if (origin.personal) await chat.sendCard(here, card(message));
      else await chat.sendDirect(origin.user.aadObjectId ?? origin.user.userId, stamp(message));
    },
    updateSource: (message) => replaceSource(card(message)),
    openForm: (form: FormView) => chat.openForm({ conversation, userId: origin.user.aadObjectId ?? origin.user.userId }, stamp(form)),
    replacedWith: () => replaced,
    whispered: () => whispered,
    replaceSource,
  };
}
