import type { FormResult, InboundHandler, Reply } from "../../src/chat/inbound.ts";
import { textMessage, type FormView } from "../../src/chat/message.ts";
import { toSamverkaError } from "../../src/shared/errors.ts";
import { createTranslator, type Locale } from "../../src/shared/i18n.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { renderFormView, toModalErrors } from "./blocks/form-view.ts";
import { renderMessage } from "./blocks/message-blocks.ts";
import { plain } from "./blocks/text.ts";
import { OPEN_FORM_ACTION } from "./chat/pending-forms.ts";
import type { SlackChat } from "./chat/slack-chat.ts";
import { createSlackReply } from "./chat/slack-reply.ts";
import type { ReplyOrigin, Translated } from "./parse/translate.ts";
import { encodeConversation } from "./refs.ts";
import { slackMessages } from "./slack.messages.ts";

/** Sends Slack's HTTP acknowledgement; a body only for modal submissions. */
export type Ack = (response?: object) => Promise<void>;

/** What dispatching needs. */
export interface DispatchDeps {
  handler: InboundHandler;
  chat: SlackChat;
  logger: Logger;
  locale: Locale;
  /** How long a modal submission may take before the modal is closed without an answer; Slack allows 3 s. */
  formBudgetMs: number;
}

type FormTranslated = Extract<Translated, { kind: "form" }>;

/** Acks and hands one translated payload to the core; never throws (failures are logged and told to the user). */
export async function dispatchSlack(translated: Translated, ack: Ack, deps: DispatchDeps): Promise<void> {
  const log = deps.logger;
  if (translated.kind === "ignored") {
    await ack();
    log.debug({ reason: translated.reason }, "slack payload ignored");
    return;
  }
  if (translated.kind === "form") return dispatchForm(translated, ack, deps);
  // Slack wants the ack within 3 s; commands and clicks answer through the Web API or response_url afterwards.
  await ack();
  const reply = createSlackReply(deps.chat, translated.origin, deps.locale);
  const event = translated.event;
  try {
    if (event.type === "action" && event.actionId === OPEN_FORM_ACTION) await openOfferedForm(event.value, translated.origin, reply, deps);
    else await deps.handler.handle(event, reply);
  } catch (error) {
    await tellFailure(error, reply, deps, { event: translated.event.type });
  }
}

/** The adapter's own "open the form" button: opens the kept form with the click's trigger id. */
async function openOfferedForm(id: string, origin: ReplyOrigin, reply: Reply, deps: DispatchDeps): Promise<void> {
  if (origin.triggerId !== undefined && (await deps.chat.openOfferedForm(origin.triggerId, id, origin.userId))) return;
  const t = createTranslator(slackMessages, deps.locale);
  await reply.whisper(textMessage(t("formGone")));
}

async function tellFailure(error: unknown, reply: Reply, deps: DispatchDeps, context: object): Promise<void> {
  const e = toSamverkaError(error);
  deps.logger.error({ ...context, err: e, code: e.code }, "slack event handling failed");
  const t = createTranslator(slackMessages, deps.locale);
  try {
    await reply.whisper({ text: t("failed"), blocks: [{ type: "text", text: t("failed") }] });
  } catch (whisperError) {
    deps.logger.warn({ err: toSamverkaError(whisperError) }, "could not tell the user about the failure");
  }
}

async function dispatchForm(translated: FormTranslated, ack: Ack, deps: DispatchDeps): Promise<void> {
  const t = createTranslator(slackMessages, deps.locale);
  const baseReply = createSlackReply(deps.chat, translated.origin, deps.locale);
  // A form opened while answering a submission replaces the modal (no trigger id is needed for that).
  let nextForm: FormView | undefined;
  const reply: Reply = {
    ...baseReply,
    openForm: (form) => {
      nextForm = form;
      return Promise.resolve();
    },
  };
  const outcome = deps.handler.handle(translated.event, reply).then(
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
    if (!late.ok) return tellFailure(late.error, baseReply, deps, { formId: translated.event.formId });
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
  await ack(formResponse(first.result, nextForm, translated, deps.locale));
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
    return { response_action: "update", view: { type: "modal", title: plain(translated.title || result.message.text, 24), close: plain(t("close"), 24), blocks } };
  }
  return undefined;
}

function pick(message: string | undefined): { message?: string } {
  return message === undefined ? {} : { message };
}
