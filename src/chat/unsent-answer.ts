import { randomUUID } from "node:crypto";
import type { RequestNote } from "../app/unit-of-work.ts";
import { errorFields, toSamverkaError } from "../shared/errors.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { chatMessages } from "./chat.messages.ts";
import type { Message } from "./message.ts";
import type { ReplyFailedError } from "./reply.ts";

/** What a person reads when their request was carried out but its answer could not be shown where they were. */
export function savedNotShown(locale: Locale): string {
  return createTranslator(chatMessages, locale)("reply.savedNotShown");
}

/**
 * After the request's state committed, an answer the platform did not show must not turn into "nothing was done":
 * the person gets it as a direct message through the outbox instead (retried, and sent once per inbox delivery).
 * Returns false when nothing was committed, so the caller's "nothing was done" still holds.
 */
export async function sendUnsentAnswer(note: RequestNote, error: ReplyFailedError, delivery: string | undefined, logger: Logger): Promise<boolean> {
  const notifier = note.committed;
  if (notifier === undefined) return false;
  const fields = { code: error.code, reason: toSamverkaError(error.cause).message };
  if (note.memberId === undefined) {
    logger.warn(fields, "the answer to a request that was carried out could not be shown, and there is no member to send it to");
    return true;
  }
  logger.warn(fields, "the answer to a request that was carried out could not be shown; the person gets it as a direct message");
  // A form submission has no inbox row: it is not redelivered, so a fresh key sends it once too.
  const key = `reply:${delivery ?? randomUUID()}`;
  const compose = (locale: Locale): Message => {
    const notice = savedNotShown(locale);
    return { text: notice, blocks: [{ type: "text", text: notice }, ...(error.unsent?.blocks ?? [])] };
  };
  await notifier
    .toMember(note.memberId, (audience) => compose(audience.locale), { key })
    .catch((e: unknown) => {
      logger.error({ ...errorFields(e) }, "could not record the answer that was not shown");
    });
  return true;
}
