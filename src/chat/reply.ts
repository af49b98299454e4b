import { SamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { chatMessages } from "./chat.messages.ts";
import type { Reply, ReplyPort } from "./inbound.ts";
import { textMessage, type Message } from "./message.ts";

/**
 * An answer to a live request that the platform did not show. Told apart from the request failing: what the handler
 * committed before it stays done. `unsent` is the message the person did not get (none for a form or a pointer).
 */
export class ReplyFailedError extends SamverkaError {
  // Private, so a logged error never carries what the person was told.
  readonly #unsent: Message | undefined;

  constructor(cause: unknown, unsent: Message | undefined) {
    super("reply_failed", "The platform did not show the answer to the person's request.", { cause });
    this.name = "ReplyFailedError";
    this.#unsent = unsent;
  }

  get unsent(): Message | undefined {
    return this.#unsent;
  }
}

/** Runs one platform call answering the request; its failure becomes a ReplyFailedError naming what was not shown. */
export async function answering<T>(call: () => Promise<T>, unsent?: Message): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof ReplyFailedError ? error : new ReplyFailedError(error, unsent);
  }
}

/**
 * The one rule for where an answer goes, for every feature on every platform:
 * - in the person's 1:1 chat, every answer is posted there;
 * - in a shared conversation (a channel, a group chat), an answer for everyone is posted there, and an answer for the
 *   person is shown to them alone where the platform can (Slack: ephemeral messages, modals); where it cannot (Teams)
 *   it goes to their 1:1 chat and the conversation they wrote in hears once, in `locale`, that it is there, as a
 *   notice only they see when the platform has one (a button's banner), else as a short post.
 * Every answer is in `locale` (the person's) unless the feature chose another (`språk en` answers in English).
 *
 * Answers to a live request are sent inline, not through the outbox: the inbox row they answer is their record (a
 * crashed handling is handled again or told "too late"), and an ephemeral message or a response_url cannot be sent
 * later: Slack keeps neither past the person's session and the URL's 30 minutes. One that fails fails as
 * ReplyFailedError, so that after the request's change committed it goes through the outbox instead (unsent-answer.ts).
 */
export function createReply(port: ReplyPort, locale: Locale): Reply {
  const t = createTranslator(chatMessages, locale);
  const stamp = <T extends { locale?: Locale }>(m: T): T => ({ ...m, locale: m.locale ?? locale });
  let pointed = false;

  async function pointToDirect(): Promise<void> {
    if (port.direct || pointed) return;
    pointed = true;
    const text = t("reply.inDirect");
    const pointer = stamp(textMessage(text));
    const { showPrivately } = port;
    if (showPrivately !== undefined) await answering(() => showPrivately(pointer));
    else if (port.notice?.(text) !== true) await answering(() => port.post(pointer));
  }

  return {
    say: (message) => answering(() => port.post(stamp(message)), message),
    async whisper(message) {
      const { showPrivately } = port;
      if (port.direct) await answering(() => port.post(stamp(message)), message);
      else if (showPrivately !== undefined) await answering(() => showPrivately(stamp(message)), message);
      else {
        await answering(() => port.sendDirect(stamp(message)), message);
        await pointToDirect();
      }
    },
    async announce(message) {
      if (!port.direct) await answering(() => port.post(stamp(message)), message);
    },
    pointToDirect,
    updateSource: (message) => answering(() => port.updateSource(stamp(message)), message),
    async openForm(form) {
      if (port.direct || port.showPrivately !== undefined) return answering(() => port.openForm(stamp(form), "here"));
      await answering(() => port.openForm(stamp(form), "direct"));
      await pointToDirect();
    },
  };
}
