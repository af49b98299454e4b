import { createHash } from "node:crypto";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import { z } from "zod";
import type { PlatformUser } from "../../src/chat/chat-port.ts";
import type { FormResult, InboundHandler, LocaleOf } from "../../src/chat/inbound.ts";
import { answering, createReply, ReplyFailedError } from "../../src/chat/reply.ts";
import { savedNotShown, sendUnsentAnswer } from "../../src/chat/unsent-answer.ts";
import { noteRequest, type RequestNote } from "../../src/app/unit-of-work.ts";
import type { Inbox, InboxProcessor, InboxReceipt } from "../../src/inbox/index.ts";
import { toSamverkaError } from "../../src/shared/errors.ts";
import { createTranslator, type Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { refillForm, renderFormCard } from "./cards/form-card.ts";
import { renderMessageCard } from "./cards/message-card.ts";
import type { TeamsChat } from "./chat/teams-chat.ts";
import { createTeamsReplyPort, type TeamsOrigin, type TeamsReplyPort } from "./chat/teams-reply.ts";
import type { ConversationStore, KnownConversation, RememberMode } from "./conversation-store.ts";
import { conversationTypeOf, parseActivity, tenantOf, type InboundActivity } from "./parse/activity.ts";
import { translateActivity, type Translated } from "./parse/translate.ts";
import { baseConversationId } from "./refs.ts";
import { teamsMessages } from "./teams.messages.ts";

/** What the adapter answers on the HTTP request: an invoke response body, or nothing. */
export type DispatchResult = { status: number; body?: unknown };

export interface DispatchDeps {
  handler: InboundHandler;
  chat: TeamsChat;
  /** Where every activity is recorded before it is answered. */
  inbox: Inbox;
  store: ConversationStore;
  logger: Logger;
  /** The deployment's language, for someone the core does not know. */
  locale: Locale;
  /** The language of the person who acted, for the adapter's own words ("Klart.", failures). */
  localeOf: LocaleOf;
  /** With credentials: the city's tenant; activities from any other tenant are ignored. */
  tenantId: string | undefined;
  /** `refresh` for validated activities; `pin` for unauthenticated local ones, which never move a stored reference. */
  rememberMode: RememberMode;
  /** How long the answer to an Action.Execute invoke may wait for the handler (anything else is answered once recorded). */
  budget: { invokeMs: number };
}

const CARD = "application/vnd.microsoft.card.adaptive";
const MESSAGE = "application/vnd.microsoft.activity.message";

/** Handles one verified activity; never throws (failures are logged and told to the user). */
export async function dispatchActivity(body: unknown, deps: DispatchDeps): Promise<DispatchResult> {
  const parsed = parseActivity(body);
  if (!parsed.success) {
    deps.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "teams activity did not match the expected shape; refused");
    return { status: 400 };
  }
  const activity = parsed.data;
  // A valid token proves the message came through the Bot Framework, not from which organisation.
  if (deps.tenantId !== undefined && tenantOf(activity) !== deps.tenantId) {
    deps.logger.warn({ tenant: tenantOf(activity) }, "teams activity from another tenant ignored");
    return { status: 200 };
  }
  const where = await lookUpConversation(activity, deps);
  if (where.refused !== undefined) return where.refused;
  const known = where.known;
  await rememberWhere(activity, known, deps);
  const translated = translateActivity(activity);
  // The Agents Playground (and a Teams client after a reinstall) announces the app again in a personal chat it
  // already has: the welcome is for a chat's first time only.
  if (translated.kind === "event" && translated.event.type === "installed" && translated.event.direct && known !== undefined) {
    deps.logger.debug({}, "teams app announced again in a known personal chat; no second welcome");
    return { status: 200 };
  }
  if (translated.kind === "ignored") {
    deps.logger.debug({ reason: translated.reason }, "teams activity ignored");
    return { status: 200 };
  }
  const origin: TeamsOrigin = {
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    personal: conversationTypeOf(activity) === "personal",
    user: { platform: "teams", userId: activity.from.id, ...(activity.from.aadObjectId === undefined ? {} : { aadObjectId: activity.from.aadObjectId }) },
    sourceActivityId: activity.replyToId,
  };
  let recorded: InboxReceipt;
  try {
    recorded = await deps.inbox.record(deliveryKey(activity, body), "teams", { translated, origin }, { answersWithResult: translated.via === "execute" });
  } catch (error) {
    // Not recorded, so not accepted: Teams shows the person that the bot failed, and nothing is half done.
    deps.logger.error({ err: toSamverkaError(error) }, "could not record the teams activity; answering 500");
    return { status: 500 };
  }
  // The person's language, for the adapter's own words only (the core stamps its answers): looked up when needed.
  const locale = once(() => localeFor(deps, origin.user));
  const invoke = translated.via === "execute";
  const early = async (): Promise<DispatchResult> => (invoke ? invokeMessage(createTranslator(teamsMessages, await locale())("working")) : { status: 200 });
  if (!recorded.fresh) {
    deps.logger.info({ activityId: activity.id }, "teams activity already recorded; redelivery ignored");
    return early();
  }
  const port = createTeamsReplyPort(deps.chat, origin, deps.locale, invoke);
  const work = deps.inbox.handleNow(recorded, (entry) => handle(withDelivery(translated, entry.key), port, deps, locale));
  if (!invoke) {
    // Recorded is accepted: only an Action.Execute invoke answers with what the work did; anything else is answered now.
    void work.catch((error: unknown) => deps.logger.error({ err: toSamverkaError(error) }, "teams activity failed after it was acknowledged"));
    return { status: 200 };
  }
  const answer = work.then((outcome) => (outcome.status === "done" ? outcome.result : early()));
  // Teams gives up on an invoke after a few seconds (it shows an error card); past the budget it gets an answer at
  // once while the work goes on: its outcome still replaces the card through the connector.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deps.budget.invokeMs)));
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  if (first !== "late") return first;
  deps.logger.warn({ event: translated.event.type, budgetMs: deps.budget.invokeMs }, "teams activity is taking long; answered early, the result follows");
  // A notice left so far is the banner; one left later would not be seen, so the reply posts it instead.
  port.answered();
  void answer.catch((error: unknown) => deps.logger.error({ err: toSamverkaError(error) }, "teams activity failed after its early answer"));
  const noticed = port.noticed();
  return noticed === undefined ? early() : invokeMessage(noticed);
}

/** A lazily started lookup, shared by whoever needs it first and later. */
function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= start());
}

/** The inbox key: the conversation and the activity id Teams gave it (a redelivery has the same), else the body's hash. */
function deliveryKey(activity: InboundActivity, body: unknown): string {
  return activity.id !== undefined
    ? `teams:${activity.conversation.id}:${activity.id}`
    : `teams:body:${createHash("sha256").update(JSON.stringify(body)).digest("hex")}`;
}

/** What the inbox keeps of an activity: the translated event and where to answer it. */
const storedSchema = z.object({
  translated: z.custom<Extract<Translated, { kind: "event" }>>((v) => typeof v === "object" && v !== null),
  origin: z.custom<TeamsOrigin>((v) => typeof v === "object" && v !== null),
});

/** The processor for recorded activities handled after their request was answered (busy, or after a restart). */
export function createTeamsInboxProcessor(deps: DispatchDeps): InboxProcessor {
  return async (entry, { late }) => {
    const { translated, origin } = storedSchema.parse(entry.payload);
    const locale = once(() => localeFor(deps, origin.user));
    // Handled after its request was answered: no invoke banner is left to answer in.
    const port = createTeamsReplyPort(deps.chat, origin, deps.locale, false);
    if (late) {
      const t = createTranslator(teamsMessages, await locale());
      await createReply(port, await locale()).whisper({
        text: t("tooLate", { at: entry.receivedAt }),
        blocks: [{ type: "text", text: t("tooLate", { at: entry.receivedAt }) }],
      });
      return;
    }
    await handle(withDelivery(translated, entry.key), port, deps, locale);
  };
}

/** The person's language; a lookup that fails (the database is down) must not cost them the answer. */
async function localeFor(deps: DispatchDeps, user: PlatformUser): Promise<Locale> {
  return deps.localeOf(user).catch(() => deps.locale);
}

/** The event as recorded in the inbox row `delivery`, so what it sends can be keyed by it. */
function withDelivery(translated: Extract<Translated, { kind: "event" }>, delivery: string): Extract<Translated, { kind: "event" }> {
  return { ...translated, event: { ...translated.event, delivery } };
}

function handle(
  translated: Extract<Translated, { kind: "event" }>,
  port: TeamsReplyPort,
  deps: DispatchDeps,
  locale: () => Promise<Locale>,
): Promise<DispatchResult> {
  // One note around the router and the form's answer: a submission that committed is not told it failed.
  return noteRequest((note) => handleNoted(translated, port, deps, locale, note));
}

async function handleNoted(
  translated: Extract<Translated, { kind: "event" }>,
  port: TeamsReplyPort,
  deps: DispatchDeps,
  locale: () => Promise<Locale>,
  note: RequestNote,
): Promise<DispatchResult> {
  try {
    const result = await deps.handler.handle(translated.event, port);
    if (translated.event.type === "form") await answerForm(result, translated, port, await locale());
  } catch (error) {
    if (error instanceof ReplyFailedError && (await sendUnsentAnswer(note, error, translated.event.delivery, deps.logger))) {
      if (translated.via !== "execute") return { status: 200 };
      // The invoke's own answer still reaches the person: the card that replaced the form, else the truthful notice.
      const card = port.replacedWith();
      return card === undefined ? invokeMessage(savedNotShown(await locale())) : invokeCard(card);
    }
    const e = toSamverkaError(error);
    deps.logger.error({ err: e, code: e.code, event: translated.event.type }, "teams activity handling failed");
    const t = createTranslator(teamsMessages, await locale());
    await createReply(port, await locale())
      .whisper({ text: t("failed"), blocks: [{ type: "text", text: t("failed") }] })
      .catch((whisperError: unknown) => {
        deps.logger.warn({ err: toSamverkaError(whisperError) }, "could not tell the user about the failure");
      });
    return translated.via === "execute" ? invokeMessage(t("failed")) : { status: 200 };
  }
  if (translated.via !== "execute") return { status: 200 };
  const card = port.replacedWith();
  if (card !== undefined) return invokeCard(card);
  // A press answered only to the person says that (where it went, or the refusal itself), never a bare "done".
  return invokeMessage(port.noticed() ?? port.whispered() ?? createTranslator(teamsMessages, await locale())("done"));
}

/** A refused form comes back with its errors and what was entered; an accepted one is replaced by its answer. */
async function answerForm(result: FormResult | void, translated: Extract<Translated, { kind: "event" }>, port: TeamsReplyPort, locale: Locale): Promise<void> {
  const event = translated.event;
  if (event.type !== "form" || port.replacedWith() !== undefined) return;
  if (result !== undefined && !result.ok) {
    const view = result.form ?? translated.view;
    if (view !== undefined) {
      await answering(() => port.replaceSource(renderFormCard(refillForm({ ...view, locale: view.locale ?? locale }, event.values, result.errors), locale)));
      return;
    }
    const t = createTranslator(teamsMessages, locale);
    await createReply(port, locale).whisper({
      text: t("formErrors"),
      blocks: [
        { type: "text", text: t("formErrors") },
        { type: "list", items: Object.values(result.errors) },
      ],
    });
    return;
  }
  const t = createTranslator(teamsMessages, locale);
  const message = result?.message ?? {
    text: t("done"),
    blocks: [...(translated.view === undefined ? [] : [{ type: "heading" as const, text: translated.view.title }]), { type: "text", text: t("done") }],
  };
  // The answer replaces the form so it cannot be sent twice.
  await answering(() => port.replaceSource(renderMessageCard({ ...message, locale: message.locale ?? locale }, locale)), message);
}

function invokeCard(card: IAdaptiveCard): DispatchResult {
  return { status: 200, body: { statusCode: 200, type: CARD, value: card } };
}

function invokeMessage(text: string): DispatchResult {
  return { status: 200, body: { statusCode: 200, type: MESSAGE, value: text } };
}

/**
 * The stored reference of the activity's conversation, as this process recalls it (no read per activity). Unauthenticated
 * (local), a known conversation keeps the connector it was first seen with, so a forged activity cannot move where
 * another member's messages go; and an activity whose conversation cannot be looked up is not taken, since that could
 * not be checked.
 */
async function lookUpConversation(activity: InboundActivity, deps: DispatchDeps): Promise<{ known?: KnownConversation; refused?: DispatchResult }> {
  const local = deps.rememberMode === "pin";
  const conversationId = baseConversationId(activity.conversation.id);
  let known: KnownConversation | undefined;
  try {
    known = await deps.store.recall(conversationId);
    // Refused only on what the table says now: its row may have been deleted (erased, or by hand after the Playground moved).
    if (local && known !== undefined && !sameUrl(known.serviceUrl, activity.serviceUrl)) known = await deps.store.find(conversationId);
  } catch (error) {
    if (!local) return {};
    deps.logger.error({ err: toSamverkaError(error) }, "could not look up the teams conversation to check its connector; answering 500");
    return { refused: { status: 500 } };
  }
  if (local && known !== undefined && !sameUrl(known.serviceUrl, activity.serviceUrl)) {
    deps.logger.warn(
      { conversation: known.conversationId, known: known.serviceUrl, serviceUrl: activity.serviceUrl },
      "unauthenticated teams activity names another Bot Connector than its conversation was first seen with; refused (if the Agents Playground moved to another port, delete the data directory's teams_conversations rows)",
    );
    return { refused: { status: 403, body: { error: "forbidden" } } };
  }
  return known === undefined ? {} : { known };
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

/** Every activity refreshes where its conversation lives, so later proactive messages reach it; what is known is not written again. */
async function rememberWhere(activity: InboundActivity, known: KnownConversation | undefined, deps: DispatchDeps): Promise<void> {
  const type = conversationTypeOf(activity);
  const tenantId = tenantOf(activity);
  const { id: userId, aadObjectId } = activity.from;
  try {
    // The user first: a stored personal chat naming them then says they were remembered too (erasure forgets both).
    const userKnown = type === "personal" && known?.userId === userId && known.aadObjectId === aadObjectId;
    if (aadObjectId !== undefined && userId !== activity.recipient.id && !userKnown) {
      await deps.store.rememberUser({ aadObjectId, userId, tenantId }, deps.rememberMode);
    }
    await deps.store.remember(
      {
        conversationId: baseConversationId(activity.conversation.id),
        conversationType: type,
        serviceUrl: activity.serviceUrl,
        tenantId,
        botId: activity.recipient.id,
        teamId: activity.channelData?.team?.id,
        userId: type === "personal" ? userId : undefined,
        aadObjectId: type === "personal" ? aadObjectId : undefined,
      },
      deps.rememberMode,
      known,
    );
  } catch (error) {
    // Answering the person matters more than remembering the conversation; the next activity tries again.
    deps.logger.error({ err: toSamverkaError(error) }, "could not store the teams conversation reference");
  }
}
