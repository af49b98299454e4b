import { createTranslator, type Locale } from "../shared/i18n.ts";
import { chatMessages } from "./chat.messages.ts";
import type { Reply, ReplyPort } from "./inbound.ts";
import { textMessage } from "./message.ts";

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
 * later: Slack keeps neither past the person's session and the URL's 30 minutes.
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
    if (port.showPrivately !== undefined) await port.showPrivately(pointer);
    else if (port.notice?.(text) !== true) await port.post(pointer);
  }

  return {
    say: (message) => port.post(stamp(message)),
    async whisper(message) {
      if (port.direct) await port.post(stamp(message));
      else if (port.showPrivately !== undefined) await port.showPrivately(stamp(message));
      else {
        await port.sendDirect(stamp(message));
        await pointToDirect();
      }
    },
    async announce(message) {
      if (!port.direct) await port.post(stamp(message));
    },
    pointToDirect,
    updateSource: (message) => port.updateSource(stamp(message)),
    async openForm(form) {
      if (port.direct || port.showPrivately !== undefined) return port.openForm(stamp(form), "here");
      await port.openForm(stamp(form), "direct");
      await pointToDirect();
    },
  };
}
