import type { Db } from "../db/database.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import type { ChatPort, ConversationRef, Platform } from "./chat-port.ts";
import type { FileAttachment } from "./message.ts";
import type { ChannelFilter, Compose, Delivery, Notifier } from "./notifier.ts";

export interface NotifierDeps {
  db: Db;
  chats: ReadonlyMap<Platform, ChatPort>;
  logger: Logger;
}

interface Target {
  chat: ChatPort;
  conversation?: ConversationRef;
  userId?: string;
  locale: Locale;
  timeZone: string;
}

/** Sends through whichever platforms are configured; one failing platform never silences the others. */
export function createNotifier(deps: NotifierDeps): Notifier {
  const { db, chats, logger } = deps;

  async function memberTargets(memberId: string): Promise<Target[]> {
    const rows = await db
      .selectFrom("member_identities as i")
      .innerJoin("members as m", "m.id", "i.member_id")
      .innerJoin("partnerships as p", "p.id", "m.partnership_id")
      .where("i.member_id", "=", memberId)
      .where("m.active", "=", true)
      .select(["i.platform", "i.platform_user_id", "m.locale", "p.time_zone"])
      .orderBy("i.position")
      .execute();
    return rows.flatMap((r) => {
      const chat = chats.get(r.platform);
      return chat ? [{ chat, userId: r.platform_user_id, locale: r.locale as Locale, timeZone: r.time_zone }] : [];
    });
  }

  async function channelTargets(partnershipId: string, filter: ChannelFilter): Promise<Target[]> {
    let query = db
      .selectFrom("channels as c")
      .innerJoin("partnerships as p", "p.id", "c.partnership_id")
      .where("c.partnership_id", "=", partnershipId)
      .where("c.active", "=", true);
    if (filter.purpose !== undefined) query = query.where("c.purpose", "=", filter.purpose);
    if (filter.groupId !== undefined) query = query.where("c.group_id", "=", filter.groupId);
    const rows = await query.select(["c.platform", "c.conversation", "p.locale", "p.time_zone"]).orderBy("c.platform").execute();
    return rows.flatMap((r) => {
      const chat = chats.get(r.platform);
      if (chat === undefined) {
        logger.warn({ partnershipId, platform: r.platform }, "channel on a platform that is not configured; skipped");
        return [];
      }
      return [{ chat, conversation: chat.channelRef(r.conversation), locale: r.locale as Locale, timeZone: r.time_zone }];
    });
  }

  /** Runs `send` for each target; fails (retryably) only when there were targets and every one failed. */
  async function fanOut<T>(targets: Target[], what: string, send: (t: Target) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    const errors: unknown[] = [];
    for (const target of targets) {
      try {
        results.push(await send(target));
      } catch (error) {
        errors.push(error);
        logger.warn({ err: error, platform: target.chat.platform }, `${what} failed on one platform`);
      }
    }
    if (targets.length > 0 && results.length === 0) {
      throw new SamverkaError("platform_unavailable", `${what} failed on every platform`, { cause: errors[0], retryable: true });
    }
    return results;
  }

  return {
    async toMember(memberId, compose) {
      const targets = await memberTargets(memberId);
      // Only the primary identity gets the message; the others are fallbacks if its platform fails.
      for (const target of targets) {
        try {
          const message = await target.chat.sendDirect(target.userId!, compose(target));
          const conversation = await target.chat.directConversation(target.userId!);
          return [{ platform: target.chat.platform, message, conversation, memberId, locale: target.locale, timeZone: target.timeZone }];
        } catch (error) {
          logger.warn({ err: error, memberId, platform: target.chat.platform }, "direct message failed; trying the member's next identity");
        }
      }
      if (targets.length > 0) throw new SamverkaError("platform_unavailable", `no platform could reach member ${memberId}`, { retryable: true });
      logger.warn({ memberId }, "member has no identity on a configured platform");
      return [];
    },

    async toChannels(partnershipId, filter, compose: Compose) {
      const targets = await channelTargets(partnershipId, filter);
      return fanOut(targets, "channel post", async (t): Promise<Delivery> => ({
        platform: t.chat.platform,
        message: await t.chat.post(t.conversation!, compose(t)),
        conversation: t.conversation!,
        locale: t.locale,
        timeZone: t.timeZone,
      }));
    },

    async update(deliveries, compose) {
      for (const d of deliveries) {
        const chat = chats.get(d.platform);
        if (chat === undefined) continue;
        try {
          await chat.update(d.message, compose({ locale: d.locale, timeZone: d.timeZone }));
        } catch (error) {
          logger.warn({ err: error, platform: d.platform }, "in-place update failed");
        }
      }
    },

    async fileToMember(memberId, file: FileAttachment) {
      const [target] = await memberTargets(memberId);
      if (target === undefined) throw new SamverkaError("not_found", `member ${memberId} has no identity on a configured platform`);
      await target.chat.attachFile(await target.chat.directConversation(target.userId!), file);
    },

    async fileToChannels(partnershipId, filter, file) {
      await fanOut(await channelTargets(partnershipId, filter), "file upload", (t) => t.chat.attachFile(t.conversation!, file));
    },
  };
}
