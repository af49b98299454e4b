import type { ChannelFilter, Content, FileAttachment, Notifier, Platform, SendOptions } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { insertOutboxRows, requestRefresh, type NewOutboxRow } from "./outbox.repository.ts";
import type { Audience, OutboxContent, OutboxJobRef } from "./outbox.ts";
import { scrubAndPlanRetractions } from "./retract-copies.ts";

/**
 * Changes close together (twenty shelters answering at once) become one card refresh once they have been quiet this
 * long, and at most a second after the first: the platforms allow about one update a second per conversation.
 */
export const REFRESH_DEBOUNCE_MS = 250;
const REFRESH_LATEST_MS = 1_000;

/** What recording messages needs: the executor (a transaction or the pool), the platforms in use, and where jobs go. */
export interface OutboxWriterDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The platforms this process has adapters for; identities and channels on others are skipped. */
  platforms: () => ReadonlySet<Platform>;
  /** Collects the jobs of rows recorded; they are queued after the transaction commits. */
  queued: OutboxJobRef[];
}

function contentFor(content: Content, audience: Audience): OutboxContent {
  return typeof content === "function" ? { type: "message", message: content(audience) } : { type: "live", render: content.render, payload: content.payload };
}

/** The Notifier over outbox rows written with `deps.db`: nothing is sent here, every row is delivered by a job. */
export function createOutboxWriter(deps: OutboxWriterDeps): Notifier {
  const { db, clock, queued } = deps;
  const log = deps.logger.child({ component: "outbox" });

  async function memberAudience(memberId: string): Promise<(Audience & { partnershipId: string }) | undefined> {
    const platforms = [...deps.platforms()];
    if (platforms.length === 0) return undefined;
    const row = await db
      .selectFrom("members as m")
      .innerJoin("partnerships as p", "p.id", "m.partnership_id")
      .innerJoin("member_identities as i", "i.member_id", "m.id")
      .where("m.id", "=", memberId)
      .where("m.active", "=", true)
      .where("i.platform", "in", platforms)
      .select(["m.locale", "p.time_zone", "p.id as partnership_id"])
      .executeTakeFirst();
    return row === undefined ? undefined : { locale: row.locale as Locale, timeZone: row.time_zone, partnershipId: row.partnership_id };
  }

  async function channels(partnershipId: string, filter: ChannelFilter) {
    const platforms = [...deps.platforms()];
    if (platforms.length === 0) return [];
    let query = db
      .selectFrom("channels as c")
      .innerJoin("partnerships as p", "p.id", "c.partnership_id")
      .where("c.partnership_id", "=", partnershipId)
      .where("c.active", "=", true)
      .where("c.platform", "in", platforms);
    if (filter.purpose !== undefined) query = query.where("c.purpose", "=", filter.purpose);
    if (filter.groupId !== undefined) query = query.where("c.group_id", "=", filter.groupId);
    return query.select(["c.platform", "c.conversation", "p.locale", "p.time_zone"]).orderBy("c.platform").orderBy("c.conversation").execute();
  }

  async function record(rows: NewOutboxRow[]): Promise<number> {
    queued.push(...(await insertOutboxRows(db, rows, clock.now())));
    return rows.length;
  }

  async function toMember(
    memberId: string,
    content: OutboxContent | ((a: Audience) => OutboxContent),
    options: SendOptions,
    file?: FileAttachment,
  ): Promise<number> {
    const audience = await memberAudience(memberId);
    if (audience === undefined) {
      log.warn({ memberId, key: options.key }, "member has no identity on a configured platform; nothing recorded");
      return 0;
    }
    const resolved = typeof content === "function" ? content(audience) : content;
    return record([
      {
        key: `${options.key}:member:${memberId}`,
        partnershipId: audience.partnershipId,
        kind: file === undefined ? "message" : "file",
        memberId,
        ...(options.card === undefined ? {} : { card: options.card }),
        content: resolved,
        ...(file === undefined ? {} : { fileContent: file.content }),
        locale: audience.locale,
        timeZone: audience.timeZone,
        dueAt: clock.now(),
      },
    ]);
  }

  async function toChannels(
    partnershipId: string,
    filter: ChannelFilter,
    content: (a: Audience) => OutboxContent,
    options: SendOptions,
    file?: FileAttachment,
  ) {
    const targets = await channels(partnershipId, filter);
    return record(
      targets.map((c) => {
        const audience = { locale: c.locale as Locale, timeZone: c.time_zone };
        return {
          key: `${options.key}:channel:${c.platform}:${c.conversation}`,
          partnershipId,
          kind: file === undefined ? ("message" as const) : ("file" as const),
          platform: c.platform,
          conversation: c.conversation,
          ...(options.card === undefined ? {} : { card: options.card }),
          content: content(audience),
          ...(file === undefined ? {} : { fileContent: file.content }),
          locale: audience.locale,
          timeZone: audience.timeZone,
          dueAt: clock.now(),
        };
      }),
    );
  }

  const fileContent = (file: FileAttachment): OutboxContent => ({
    type: "file",
    filename: file.filename,
    mimeType: file.mimeType,
    ...(file.comment === undefined ? {} : { comment: file.comment }),
  });

  return {
    toMember: (memberId, content, options) => toMember(memberId, (a) => contentFor(content, a), options),
    toChannels: (partnershipId, filter, content, options) => toChannels(partnershipId, filter, (a) => contentFor(content, a), options),
    async refreshCard(card, partnershipId) {
      const now = clock.now();
      const job = await requestRefresh(db, card, partnershipId, now, { quietMs: REFRESH_DEBOUNCE_MS, latestMs: REFRESH_LATEST_MS });
      if (job !== undefined) queued.push(job);
    },
    async retract(keyPrefixes, content, options) {
      const rows = await scrubAndPlanRetractions(db, keyPrefixes, content, options.key, clock.now());
      return record(rows);
    },
    fileToMember: (memberId, file, options) => toMember(memberId, fileContent(file), options, file),
    fileToChannels: (partnershipId, filter, file, options) => toChannels(partnershipId, filter, () => fileContent(file), options, file),
  };
}
