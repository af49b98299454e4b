import type { PlatformUser } from "../../../src/chat/chat-port.ts";
import type { InboundEvent } from "../../../src/chat/inbound.ts";
import type { FormView } from "../../../src/chat/message.ts";
import { cardDataSchema, type CardData } from "../cards/card-data.ts";
import { readFormValues } from "../cards/form-card.ts";
import { encodeConversationRef, encodeMessageRef } from "../refs.ts";
import { adaptiveCardInvokeSchema, conversationTypeOf, type InboundActivity } from "./activity.ts";

/** An activity as the core sees it, or why it is none of the core's business. */
export type Translated =
  { kind: "event"; event: InboundEvent; via: "message" | "submit" | "execute" | "install"; view?: FormView } | { kind: "ignored"; reason: string };

const ENTITIES: Record<string, string> = { "&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Removes the bot's `<at>…</at>` mention (Teams puts it in channel messages) and Teams' HTML leftovers. */
function stripBotMention(activity: InboundActivity): string {
  const botNames = (activity.entities ?? [])
    .filter((e) => e.type === "mention" && e.mentioned?.id === activity.recipient.id && e.text !== undefined)
    .map((e) => e.text as string);
  let text = activity.text ?? "";
  for (const mention of botNames) text = text.split(mention).join(" ");
  // A mention of the bot without an entity (some clients) is still addressed to us, so any leftover <at> goes too.
  text = text.replace(/<at>[^<]*<\/at>/g, " ");
  text = text.replace(/<[^>]+>/g, " ").replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
  return text.replace(/\s+/g, " ").trim();
}

function userOf(activity: InboundActivity): PlatformUser {
  return {
    platform: "teams",
    userId: activity.from.id,
    ...(activity.from.aadObjectId === undefined ? {} : { aadObjectId: activity.from.aadObjectId }),
    ...(activity.from.name === undefined || activity.from.name === "" ? {} : { displayName: activity.from.name }),
  };
}

function cardEvent(activity: InboundActivity, data: CardData, inputs: Record<string, unknown>): InboundEvent {
  const user = userOf(activity);
  const conversation = encodeConversationRef(activity.conversation.id);
  const message = activity.replyToId === undefined ? undefined : encodeMessageRef(activity.conversation.id, activity.replyToId);
  const source = message === undefined ? {} : { message };
  switch (data.samverka) {
    case "action":
      return { type: "action", user, conversation, actionId: data.actionId, value: data.value, ...source };
    case "select": {
      const picked = inputs[data.input];
      return { type: "action", user, conversation, actionId: data.actionId, value: typeof picked === "string" ? picked : "", ...source };
    }
    case "form":
      return { type: "form", user, conversation, formId: data.formId, state: data.state, values: readFormValues(inputs), ...source };
  }
}

function viewOf(data: CardData): { view?: FormView } {
  return data.samverka === "form" && data.view !== undefined ? { view: data.view } : {};
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Translates a verified activity into the core's event. */
export function translateActivity(activity: InboundActivity): Translated {
  const direct = conversationTypeOf(activity) === "personal";
  if (activity.type === "message") {
    const value = asRecord(activity.value);
    if (value !== undefined) {
      // Action.Submit: the card's data and its inputs arrive merged in `value`.
      const data = cardDataSchema.safeParse(value);
      if (!data.success) return { kind: "ignored", reason: "card submit without Samverka data" };
      return { kind: "event", event: cardEvent(activity, data.data, value), via: "submit", ...viewOf(data.data) };
    }
    const text = stripBotMention(activity);
    if (text === "") return { kind: "ignored", reason: "empty message" };
    const user = userOf(activity);
    const conversation = encodeConversationRef(activity.conversation.id);
    // In a channel or group chat Teams only delivers messages that @mention the bot: those are commands.
    const event: InboundEvent = direct ? { type: "message", user, conversation, text, direct: true } : { type: "command", user, conversation, text };
    return { kind: "event", event, via: "message" };
  }
  if (activity.type === "invoke" && activity.name === "adaptiveCard/action") {
    const invoke = adaptiveCardInvokeSchema.safeParse(activity.value);
    if (!invoke.success) return { kind: "ignored", reason: "adaptiveCard/action without action" };
    const inputs = invoke.data.action.data ?? {};
    const data = cardDataSchema.safeParse(inputs);
    if (!data.success) return { kind: "ignored", reason: `card action ${invoke.data.action.verb ?? ""} without Samverka data` };
    return { kind: "event", event: cardEvent(activity, data.data, inputs), via: "execute", ...viewOf(data.data) };
  }
  if (isInstall(activity)) {
    const user = direct ? userOf(activity) : undefined;
    return {
      kind: "event",
      event: { type: "installed", conversation: encodeConversationRef(activity.conversation.id), direct, ...(user === undefined ? {} : { user }) },
      via: "install",
    };
  }
  return { kind: "ignored", reason: `activity ${activity.type}${activity.name === undefined ? "" : `/${activity.name}`}` };
}

// Teams also sends installationUpdate for the same install; only conversationUpdate counts, so the welcome is said once.
function isInstall(activity: InboundActivity): boolean {
  if (activity.type !== "conversationUpdate") return false;
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient.id);
}
