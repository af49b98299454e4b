import { MessageActivityInput, type Client as ApiClient } from "@microsoft/teams.api";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import type { ChatPort, ConversationRef, MessageRef, SendOptions } from "../../../src/chat/chat-port.ts";
import type { FileAttachment, Message } from "../../../src/chat/message.ts";
import { SamverkaError } from "../../../src/shared/errors.ts";
import { createTranslator, type Locale } from "../../../src/shared/i18n.ts";
import { renderMessageCard } from "../cards/message-card.ts";
import type { ConversationStore, StoredConversation } from "../conversation-store.ts";
import { baseConversationId, decodeConversationRef, decodeMessageRef, encodeConversationRef, encodeMessageRef } from "../refs.ts";
import { teamsMessages } from "../teams.messages.ts";
import { FILE_LINK_DAYS, FILE_PATH, type FileLinks } from "./file-links.ts";
import { callConnector } from "./teams-errors.ts";

/** What the Teams ChatPort needs. */
export interface TeamsChatDeps {
  store: ConversationStore;
  /** A Bot Connector client for a service URL (the SDK's, carrying the bot's token when there are credentials). */
  clientFor(serviceUrl: string): ApiClient;
  files: FileLinks;
  /** The base URL people reach this server at, for file links; undefined when unknown. */
  publicUrl(): string | undefined;
  /** The tenant to open 1:1 chats in when the user was never seen (from the credentials). */
  tenantId: string | undefined;
  /** The language of a message that does not say its own (`Message.locale`). */
  locale: Locale;
  /**
   * The only people a 1:1 chat can be opened with (Bot Framework ids and AAD object ids), when the connector is the
   * Agents Playground: it opens a chat with anyone but refuses every message to someone not among its users.
   */
  reachableUsers?: ReadonlySet<string>;
}

/** The Teams ChatPort plus what the adapter's replies need beyond it. */
export interface TeamsChat extends ChatPort {
  /** Sends a card to a conversation at a known service URL; returns the new activity id. */
  sendCard(target: { conversationId: string; serviceUrl: string }, card: IAdaptiveCard): Promise<string>;
  /** Replaces a card in place. */
  updateCard(target: { conversationId: string; serviceUrl: string; activityId: string }, card: IAdaptiveCard): Promise<void>;
  /** Sends a card to a conversation the store knows (a 1:1 chat opened by `directConversation`). */
  postCard(conversation: ConversationRef, card: IAdaptiveCard): Promise<MessageRef>;
}

function cardActivity(card: IAdaptiveCard): MessageActivityInput {
  // The card's fallbackText carries the message's one-line text for notifications and old clients.
  return new MessageActivityInput().addCard("adaptive", card);
}

/** Creates the ChatPort over the Bot Connector, writing where the stored conversation references say. */
export function createTeamsChat(deps: TeamsChatDeps): TeamsChat {
  async function target(conversationId: string): Promise<StoredConversation> {
    const stored = await deps.store.find(baseConversationId(conversationId));
    if (stored === undefined) {
      throw new SamverkaError(
        "not_installed",
        `Samverka has never been added to the Teams conversation ${conversationId}, so it cannot write there. Add the Samverka app to that team or chat (apps/teams/README.md) and try again.`,
      );
    }
    return stored;
  }

  async function sendCard(to: { conversationId: string; serviceUrl: string }, card: IAdaptiveCard): Promise<string> {
    const sent = await callConnector("sending a message", () =>
      deps.clientFor(to.serviceUrl).conversations.createActivity(to.conversationId, cardActivity(card)),
    );
    return sent.id;
  }

  async function updateCard(to: { conversationId: string; serviceUrl: string; activityId: string }, card: IAdaptiveCard): Promise<void> {
    await callConnector("updating a message", () =>
      deps.clientFor(to.serviceUrl).conversations.updateActivity(to.conversationId, to.activityId, cardActivity(card)),
    );
  }

  async function post(conversation: ConversationRef, card: IAdaptiveCard): Promise<MessageRef> {
    const conversationId = decodeConversationRef(conversation);
    const stored = await target(conversationId);
    const id = await sendCard({ conversationId, serviceUrl: stored.serviceUrl }, card);
    return encodeMessageRef(conversationId, id);
  }

  async function directConversation(userId: string): Promise<ConversationRef> {
    if (deps.reachableUsers !== undefined && !deps.reachableUsers.has(userId)) {
      // Refused before the connector: the Playground would answer 201 to the chat and 500 to each of its messages.
      throw new SamverkaError(
        "not_installed",
        `${userId} is not one of the Microsoft 365 Agents Playground's users (.m365agentsplayground.yml), so Samverka cannot write to them here; with Teams credentials they are reached as usual.`,
      );
    }
    const known = await deps.store.findPersonal(userId);
    if (known !== undefined) return encodeConversationRef(known.conversationId);
    // A partnership file names people by AAD object id; the connector prefers the Bot Framework id when we have it.
    const memberId = userId.startsWith("29:") ? userId : ((await deps.store.findUserId(userId)) ?? userId);
    const via = (await deps.store.latest(deps.tenantId)) ?? (await deps.store.latest());
    if (via === undefined) {
      throw new SamverkaError(
        "not_installed",
        "Samverka cannot open a Teams chat yet: the app has not been installed anywhere. Install it (apps/teams/README.md) first.",
      );
    }
    const tenantId = deps.tenantId ?? via.tenantId;
    const created = await callConnector("opening a 1:1 chat", () =>
      deps.clientFor(via.serviceUrl).conversations.create({
        isGroup: false,
        bot: { id: via.botId },
        members: [{ id: memberId, role: "user", name: "" }],
        ...(tenantId === undefined ? {} : { tenantId, channelData: { tenant: { id: tenantId } } }),
      }),
    );
    await deps.store.remember({
      conversationId: created.id,
      conversationType: "personal",
      serviceUrl: created.serviceUrl ?? via.serviceUrl,
      tenantId,
      botId: via.botId,
      teamId: undefined,
      userId: memberId.startsWith("29:") ? memberId : undefined,
      aadObjectId: userId.startsWith("29:") ? undefined : userId,
    });
    return encodeConversationRef(created.id);
  }

  // The Bot Connector can neither take an idempotency key nor list a conversation's messages, so a re-send cannot
  // look for an earlier copy: it goes out again and says it may be a repeat, and which copy counts.
  const marked = (message: Message, options: SendOptions | undefined): Message =>
    options?.resendSince === undefined
      ? message
      : { ...message, blocks: [...message.blocks, { type: "text", text: createTranslator(teamsMessages, message.locale ?? deps.locale)("sentAgain") }] };

  const chat: TeamsChat = {
    platform: "teams",
    sendCard,
    updateCard,
    postCard: post,
    channelRef: (channelId) => encodeConversationRef(channelId),
    channelIdOf: (ref) => (ref.startsWith("teams:") ? baseConversationId(decodeConversationRef(ref)) : undefined),
    post: (conversation, message, options) => post(conversation, renderMessageCard(marked(message, options), deps.locale)),
    update: async (ref, message) => {
      const { conversationId, activityId } = decodeMessageRef(ref);
      const stored = await target(conversationId);
      await updateCard({ conversationId, serviceUrl: stored.serviceUrl, activityId }, renderMessageCard(message, deps.locale));
    },
    delete: async (ref) => {
      const { conversationId, activityId } = decodeMessageRef(ref);
      const stored = await target(conversationId);
      await callConnector("deleting a message", () => deps.clientFor(stored.serviceUrl).conversations.deleteActivity(conversationId, activityId));
    },
    directConversation,
    sendDirect: async (userId, message, options) => chat.post(await directConversation(userId), message, options),
    attachFile: async (conversation, file) => {
      await post(conversation, await fileCard(file));
    },
  };

  async function fileCard(file: FileAttachment): Promise<IAdaptiveCard> {
    const base = deps.publicUrl();
    if (base === undefined) {
      throw new SamverkaError("config_invalid", "Teams cannot receive files without PUBLIC_URL: set it to the address Teams users reach Samverka at.");
    }
    const token = await deps.files.store(file);
    const url = new URL(`${FILE_PATH}/${token}/${encodeURIComponent(file.filename)}`, base).toString();
    const locale = file.locale ?? deps.locale;
    const t = createTranslator(teamsMessages, locale);
    const card = renderMessageCard(
      {
        text: file.filename,
        blocks: [
          { type: "heading", text: file.filename },
          ...(file.comment === undefined ? [] : [{ type: "text" as const, text: file.comment }]),
          { type: "text", text: t("fileExpires", { days: FILE_LINK_DAYS }) },
        ],
      },
      locale,
    );
    return { ...card, actions: [{ type: "Action.OpenUrl", title: t("download"), url }] };
  }

  return chat;
}
