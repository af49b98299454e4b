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

  /** The audience of each member who can be reached on a platform this process has. */
  async function memberAudiences(memberIds: readonly string[]): Promise<Map<string, Audience & { partnershipId: string }>> {
    const platforms = [...deps.platforms()];
    if (platforms.length === 0 || memberIds.length === 0) return new Map();
    const rows = await db
      .selectFrom("members as m")
      .innerJoin("partnerships as p", "p.id", "m.partnership_id")
      .where("m.id", "in", [...new Set(memberIds)])
      .where("m.active", "=", true)
      .where((eb) =>
        eb.exists(eb.selectFrom("member_identities as i").select("i.member_id").whereRef("i.member_id", "=", "m.id").where("i.platform", "in", platforms)),
      )
      .select(["m.id", "m.locale", "p.time_zone", "p.id as partnership_id"])
      .execute();
    return new Map(rows.map((r) => [r.id, { locale: r.locale as Locale, timeZone: r.time_zone, partnershipId: r.partnership_id }]));
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

  /** A direct message as the writer records it: content composed for the member's audience, or given as it is. */
  interface Direct {
    memberId: string;
    content: OutboxContent | ((a: Audience) => OutboxContent);
    options: SendOptions;
    file?: FileAttachment;
  }

  // One read of the audiences and one insert for all of them.
  async function toMembers(messages: readonly Direct[]): Promise<number> {
    const audiences = await memberAudiences(messages.map((m) => m.memberId));
    const rows = messages.flatMap(({ memberId, content, options, file }): NewOutboxRow[] => {
      const audience = audiences.get(memberId);
      if (audience === undefined) {
        log.warn({ memberId, key: options.key }, "member has no identity on a configured platform; nothing recorded");
        return [];
      }
      return [
        {
          key: `${options.key}:member:${memberId}`,
          partnershipId: audience.partnershipId,
          kind: file === undefined ? "message" : "file",
          memberId,
          ...(options.card === undefined ? {} : { card: options.card }),
          content: typeof content === "function" ? content(audience) : content,
          ...(file === undefined ? {} : { fileContent: file.content }),
          locale: audience.locale,
          timeZone: audience.timeZone,
          dueAt: clock.now(),
        },
      ];
    });
    return record(rows);
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
    toMember: (memberId, content, options) => toMembers([{ memberId, content: (a) => contentFor(content, a), options }]),
    toMembers: (messages) => toMembers(messages.map(({ content, ...message }) => ({ ...message, content: (a: Audience) => contentFor(content, a) }))),
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
    fileToMember: (memberId, file, options) => toMembers([{ memberId, content: fileContent(file), options, file }]),
    fileToChannels: (partnershipId, filter, file, options) => toChannels(partnershipId, filter, () => fileContent(file), options, file),
  };
}
