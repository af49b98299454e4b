import { z } from "zod";
import type { PlatformUser } from "../../src/chat/chat-port.ts";
import type { FormResult, InboundHandler, LocaleOf, Reply, ReplyPort } from "../../src/chat/inbound.ts";
import { createReply } from "../../src/chat/reply.ts";
import type { Inbox, InboxProcessor, InboxReceipt } from "../../src/inbox/index.ts";
import { textMessage, type FormView } from "../../src/chat/message.ts";
import { SamverkaError, toSamverkaError } from "../../src/shared/errors.ts";
import { createTranslator, type Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { renderFormView, toModalErrors } from "./blocks/form-view.ts";
import { renderMessage } from "./blocks/message-blocks.ts";
import { plain } from "./blocks/text.ts";
import { OPEN_FORM_ACTION } from "./chat/pending-forms.ts";
import type { SlackChat } from "./chat/slack-chat.ts";
import { createSlackReplyPort } from "./chat/slack-reply.ts";
import type { ReplyOrigin, Translated } from "./parse/translate.ts";
import { encodeConversation } from "./refs.ts";
import { slackMessages } from "./slack.messages.ts";

/** Sends Slack's HTTP acknowledgement; a body only for modal submissions. */
export type Ack = (response?: object) => Promise<void>;

/** What dispatching needs. */
export interface DispatchDeps {
  handler: InboundHandler;
  chat: SlackChat;
  inbox: Inbox;
  logger: Logger;
  /** The deployment's language, for someone the core does not know. */
  locale: Locale;
  /** The language of the person who acted, for the adapter's own words. */
  localeOf: LocaleOf;
  /** How long a modal submission may take before the modal is closed without an answer; Slack allows 3 s. */
  formBudgetMs: number;
}

type FormTranslated = Extract<Translated, { kind: "form" }>;
type EventTranslated = Extract<Translated, { kind: "event" }>;

/** What the inbox keeps of a command, click or event: the translated event and where to answer it. */
const storedSchema = z.object({
  event: z.custom<EventTranslated["event"]>((v) => typeof v === "object" && v !== null),
  origin: z.custom<ReplyOrigin>((v) => typeof v === "object" && v !== null),
});

/**
 * Hands one translated payload to the core; never throws (failures are logged and told to the user). A command,
 * click or event is recorded in the inbox BEFORE Slack gets its ack, so an acknowledged request is never lost; a
 * retry of one already recorded is acknowledged and dropped. Modal submissions stay synchronous within Slack's 3 s.
 */
export async function dispatchSlack(translated: Translated, key: string, ack: Ack, deps: DispatchDeps): Promise<void> {
  const log = deps.logger;
  if (translated.kind === "ignored") {
    await ack();
    log.debug({ reason: translated.reason }, "slack payload ignored");
    return;
  }
  if (translated.kind === "form") return dispatchForm(translated, ack, deps);
  // If this throws (the database is down), Slack gets no ack: it retries events, and shows the person an error.
  let recorded: InboxReceipt;
  try {
    recorded = await deps.inbox.record(key, "slack", { event: translated.event, origin: translated.origin });
  } catch (error) {
    throw new SamverkaError("external_unavailable", "The delivery could not be recorded; it is not acknowledged, so Slack retries or shows an error.", {
      cause: error,
      retryable: true,
    });
  }
  await ack();
  if (!recorded.fresh) {
    log.info({ key }, "slack delivery already recorded; retry ignored");
    return;
  }
  const outcome = await deps.inbox.handleNow(recorded, (entry) => runEvent(translated, deps, entry.key));
  if (outcome.status === "queued") log.debug({ key }, "busy: the delivery waits in the inbox");
}

/** The processor for recorded Slack deliveries handled after their request (busy, or after a restart). */
export function createSlackInboxProcessor(deps: DispatchDeps): InboxProcessor {
  return async (entry, { late }) => {
    const stored = storedSchema.parse(entry.payload);
    // A trigger id lives 3 s: handled later, a form is offered behind a button instead of opened.
    const { triggerId: _staleTrigger, ...origin } = stored.origin;
    const translated: EventTranslated = { kind: "event", event: stored.event, origin };
    if (!late) return runEvent(translated, deps, entry.key);
    const locale = await localeFor(deps, translated.event.user);
    const reply = createReply(createSlackReplyPort(deps.chat, translated.origin, locale), locale);
    await reply.whisper(textMessage(createTranslator(slackMessages, locale)("tooLate", { at: entry.receivedAt })));
  };
}

/** The person's language; a lookup that fails (the database is down) must not cost them the answer. */
async function localeFor(deps: DispatchDeps, user: PlatformUser | undefined): Promise<Locale> {
  return deps.localeOf(user).catch(() => deps.locale);
}

async function runEvent(translated: EventTranslated, deps: DispatchDeps, delivery: string): Promise<void> {
  // The core stamps every answer with the person's language; the adapter looks it up only for words of its own.
  const port = createSlackReplyPort(deps.chat, translated.origin, deps.locale);
  const event = { ...translated.event, delivery };
  const replyOwn = async () => {
    const locale = await localeFor(deps, translated.event.user);
    return { reply: createReply(port, locale), locale };
  };
  try {
    if (event.type === "action" && event.actionId === OPEN_FORM_ACTION) await openOfferedForm(event.value, translated.origin, deps, replyOwn);
    else await deps.handler.handle(event, port);
  } catch (error) {
    const { reply, locale } = await replyOwn();
    await tellFailure(error, reply, deps, locale, { event: translated.event.type });
  }
}

/** The adapter's own "open the form" button: opens the kept form with the click's trigger id. */
async function openOfferedForm(id: string, origin: ReplyOrigin, deps: DispatchDeps, replyOwn: () => Promise<{ reply: Reply; locale: Locale }>): Promise<void> {
  if (origin.triggerId !== undefined && (await deps.chat.openOfferedForm(origin.triggerId, id, origin.userId))) return;
  const { reply, locale } = await replyOwn();
  await reply.whisper(textMessage(createTranslator(slackMessages, locale)("formGone")));
}

async function tellFailure(error: unknown, reply: Reply, deps: DispatchDeps, locale: Locale, context: object): Promise<void> {
  const e = toSamverkaError(error);
  deps.logger.error({ ...context, err: e, code: e.code }, "slack event handling failed");
  const t = createTranslator(slackMessages, locale);
  try {
    await reply.whisper({ text: t("failed"), blocks: [{ type: "text", text: t("failed") }] });
  } catch (whisperError) {
    deps.logger.warn({ err: toSamverkaError(whisperError) }, "could not tell the user about the failure");
  }
}

async function dispatchForm(translated: FormTranslated, ack: Ack, deps: DispatchDeps): Promise<void> {
  const locale = await localeFor(deps, translated.event.user);
  const t = createTranslator(slackMessages, locale);
  const basePort = createSlackReplyPort(deps.chat, translated.origin, locale);
  const baseReply = createReply(basePort, locale);
  // A form opened while answering a submission replaces the modal (no trigger id is needed for that).
  let nextForm: FormView | undefined;
  const port: ReplyPort = {
    ...basePort,
    openForm: (form) => {
      nextForm = { ...form, locale: form.locale ?? locale };
      return Promise.resolve();
    },
  };
  const outcome = deps.handler.handle(translated.event, port).then(
    (result) => ({ ok: true as const, result: result ?? undefined }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deps.formBudgetMs)));
  const first = await Promise.race([outcome, budget]);
  clearTimeout(timer);
  if (first === "late") {
    // Too slow for the modal: close it, and tell the user afterwards if the submission was refused.
    await ack();
    const late = await outcome;
    if (!late.ok) return tellFailure(late.error, baseReply, deps, locale, { formId: translated.event.formId });
    if (late.result?.ok === false) {
      const lines = Object.values(late.result.errors).map((m) => `• ${m}`);
      await baseReply.whisper({ text: t("formErrors"), blocks: [{ type: "text", text: [t("formErrors"), ...lines].join("\n") }] });
    }
    return;
  }
  if (!first.ok) {
    deps.logger.error({ formId: translated.event.formId, err: toSamverkaError(first.error) }, "slack form handling failed");
    await ack({ response_action: "errors", errors: toModalErrors({ _: t("failed") }, translated.inputIds) });
    return;
  }
  await ack(formResponse(first.result, nextForm, translated, locale));
}

function formResponse(result: FormResult | undefined, nextForm: FormView | undefined, translated: FormTranslated, locale: Locale): object | undefined {
  if (result?.ok === false) return { response_action: "errors", errors: toModalErrors(result.errors, translated.inputIds) };
  if (nextForm !== undefined) {
    const origin = { conversation: encodeConversation(translated.origin.channel), ...pick(translated.event.message) };
    return { response_action: "update", view: renderFormView(nextForm, origin, locale) };
  }
  if (result?.message !== undefined) {
    const t = createTranslator(slackMessages, locale);
    const { blocks } = renderMessage(result.message);
    return {
      response_action: "update",
      view: { type: "modal", title: plain(translated.title || result.message.text, 24), close: plain(t("close"), 24), blocks },
    };
  }
  return undefined;
}

function pick(message: string | undefined): { message?: string } {
  return message === undefined ? {} : { message };
}
