import type { Message, Platform } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { channelName, describeContent, partnershipChannels } from "./failure-notice.ts";
import { outboxMessages } from "./outbox.messages.ts";
import { othersWaiting, releaseWaitingOutbox } from "./outbox.repository.ts";
import type { OutboxQueue, OutboxRecord } from "./outbox.ts";
import { createOutboxWriter } from "./outbox-writer.ts";

/** Prefix of the notices that say a message waits for the app in a channel. */
const WAITING_NOTICE_PREFIX = "outbox-waiting:";

/**
 * Tells, once per conversation and wait, who answers for the channel that a message waits there until the app is
 * added: the chair of the group the channel belongs to, else the partnership's samordning. Nothing when another
 * row already waits there (they were told then).
 */
export async function recordWaitingNotice(
  deps: { db: Db; clock: Clock; logger: Logger; queue: OutboxQueue; platforms: () => ReadonlySet<Platform> },
  row: OutboxRecord & { platform: Platform; conversation: string },
): Promise<void> {
  if (row.partnershipId === null || (await othersWaiting(deps.db, row))) return;
  const chairs = await deps.db
    .selectFrom("channels as c")
    .innerJoin("group_members as gm", "gm.group_id", "c.group_id")
    .innerJoin("members as m", "m.id", "gm.member_id")
    .select("m.id")
    .distinct()
    .where("c.partnership_id", "=", row.partnershipId)
    .where("c.platform", "=", row.platform)
    .where("c.conversation", "=", row.conversation)
    .where("c.active", "=", true)
    .where("gm.role", "=", "chair")
    .where("m.active", "=", true)
    .execute();
  const told =
    chairs.length > 0
      ? chairs
      : await deps.db
          .selectFrom("members")
          .select("id")
          .where("partnership_id", "=", row.partnershipId)
          .where("active", "=", true)
          .where((eb) => eb(eb.val("samordning"), "=", eb.fn.any("roles")))
          .execute();
  const channels = await partnershipChannels(deps.db, row.partnershipId);
  const compose = (audience: { locale: "sv" | "en"; timeZone: string }): Message => {
    const t = createTranslator(outboxMessages, audience.locale, audience.timeZone);
    const text = t("waiting.body", { channel: channelName(t, row.conversation, channels), what: describeContent(t, row.content) });
    return {
      text: t("waiting.title"),
      blocks: [
        { type: "heading", text: t("waiting.title") },
        { type: "text", text },
      ],
    };
  };
  const queued: { outboxId: string; dueAt: Date }[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const writer = createOutboxWriter({ db: trx, clock: deps.clock, logger: deps.logger, platforms: deps.platforms, queued });
    for (const member of told) await writer.toMember(member.id, compose, { key: `${WAITING_NOTICE_PREFIX}${row.platform}:${row.conversation}:${row.id}` });
  });
  await deps.queue.enqueueMany(queued);
}

/** The app was added to a conversation: what waited for it there is due now. Idempotent. */
export async function releaseOnInstall(
  deps: { db: Db; clock: Clock; logger: Logger; queue: OutboxQueue },
  platform: Platform,
  conversation: string,
): Promise<number> {
  const released = await releaseWaitingOutbox(deps.db, platform, conversation, deps.clock.now());
  if (released.length === 0) return 0;
  deps.logger.info({ platform, conversation, count: released.length }, "Samverka was added to the conversation; the messages waiting for it are sent now");
  await deps.queue.enqueueMany(released);
  return released.length;
}
