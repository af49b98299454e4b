import { z } from "zod";
import type { Platform } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator, type Translate } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { outboxMessages, type LiveKey, type OutboxKey } from "./outbox.messages.ts";
import { FAILURE_NOTICE_PREFIX, findFailuresBetween } from "./outbox.repository.ts";
import { defineRenderer, type OutboxContent, type OutboxQueue, type OutboxRecord, type OutboxRenderer } from "./outbox.ts";
import { createOutboxWriter } from "./outbox-writer.ts";

/** Failures within one window are told to samordning in one notice, at the window's end. */
const WINDOW_MS = 5 * 60_000;
const RENDERER = "outbox.failures";

const payloadSchema = z.object({ partnershipId: z.string(), from: z.iso.datetime(), to: z.iso.datetime() });

type T = Translate<OutboxKey>;

/** A message in words, for the failure and waiting notices: its start, a file by name, a live card by what it is ("kallnattskortet"). */
export function describeContent(t: T, content: OutboxContent): string {
  if (content.type === "message" || content.type === "retract") return `"${excerpt(content.message.text)}"`;
  if (content.type === "file") return t("failures.file", { name: content.filename });
  const key = `live.${content.render}`;
  return t(key in outboxMessages.sv ? (key as LiveKey) : "live.other");
}

/**
 * A channel as people know it: by what it is for and on which platform; by its platform id only when no channel row
 * names it. The failure notice and the waiting notice both name channels with it.
 */
export function channelName(t: T, conversation: string | null, channels: readonly PartnershipChannel[]): string {
  const channel = channels.find((c) => c.conversation === conversation);
  if (channel === undefined) return t("channel.unknown", { conversation: conversation ?? "?" });
  const platform = channel.platform === "slack" ? "Slack" : "Teams";
  if (channel.purpose === "group" && channel.groupName !== null) return t("channel.group", { group: channel.groupName, platform });
  return t(channel.purpose === "alerts" ? "channel.alerts" : "channel.partnership", { platform });
}

/** A partnership's channel with what `channelName` needs to name it. */
export interface PartnershipChannel {
  conversation: string;
  platform: "slack" | "teams";
  purpose: "partnership" | "group" | "alerts";
  groupName: string | null;
}

/** Every channel of the partnership, named for `channelName`. */
export function partnershipChannels(db: Db, partnershipId: string): Promise<PartnershipChannel[]> {
  return db
    .selectFrom("channels as c")
    .leftJoin("groups as g", "g.id", "c.group_id")
    .select(["c.conversation", "c.platform", "c.purpose", "g.name as groupName"])
    .where("c.partnership_id", "=", partnershipId)
    .execute();
}

/** The start of a message, cut at a word and marked as cut, so a notice never ends mid-word as if that were all. */
function excerpt(text: string, max = 80): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max / 2)).trimEnd()} …`;
}

/** The notice samordning gets: every message of the partnership that failed in the window, and to whom. */
export function createFailureNoticeRenderer(db: Db): OutboxRenderer {
  return defineRenderer({
    name: RENDERER,
    payload: payloadSchema,
    async render(payload, audience) {
      const from = new Date(payload.from);
      const to = new Date(payload.to);
      const failures = await findFailuresBetween(db, payload.partnershipId, from, to);
      if (failures.length === 0) return undefined;
      const t: T = createTranslator(outboxMessages, audience.locale, audience.timeZone);
      const channels = failures.some((f) => f.memberName === null) ? await partnershipChannels(db, payload.partnershipId) : [];
      const items = failures.map((f) => {
        // A copy that could not be taken back is still there: someone must remove it by hand.
        if (f.content.type === "retract") return t("failures.retract", { where: f.memberName ?? channelName(t, f.conversation, channels) });
        return f.memberName !== null
          ? t("failures.toMember", { what: describeContent(t, f.content), name: f.memberName })
          : t("failures.toChannel", { what: describeContent(t, f.content), channel: channelName(t, f.conversation, channels) });
      });
      return {
        text: t("failures.title"),
        blocks: [
          { type: "heading", text: t("failures.title") },
          { type: "text", text: t("failures.intro", { n: failures.length, from, to }) },
          { type: "list", items },
          { type: "text", text: t("failures.footer") },
        ],
      };
    },
  });
}

/**
 * Records the notice that tells samordning (every identity they have, and the partnership channel) that a message
 * failed for good. One notice per partnership and window; a failed notice is only logged, never noticed again.
 */
export async function recordFailureNotice(
  deps: { db: Db; clock: Clock; logger: Logger; queue: OutboxQueue; platforms: () => ReadonlySet<Platform> },
  failed: OutboxRecord,
  failedAt: Date,
): Promise<void> {
  if (failed.key.startsWith(FAILURE_NOTICE_PREFIX) || failed.partnershipId === null) {
    deps.logger.error({ key: failed.key }, "a message nobody else can be told about could not be delivered");
    return;
  }
  const from = new Date(Math.floor(failedAt.getTime() / WINDOW_MS) * WINDOW_MS);
  const to = new Date(from.getTime() + WINDOW_MS);
  const key = `${FAILURE_NOTICE_PREFIX}${failed.partnershipId}:${from.toISOString()}`;
  const content = { render: RENDERER, payload: { partnershipId: failed.partnershipId, from: from.toISOString(), to: to.toISOString() } };
  const samordning = await deps.db
    .selectFrom("members")
    .select("id")
    .where("partnership_id", "=", failed.partnershipId)
    .where("active", "=", true)
    .where((eb) => eb(eb.val("samordning"), "=", eb.fn.any("roles")))
    .execute();
  const queued: { outboxId: string; dueAt: Date }[] = [];
  await deps.db.transaction().execute(async (trx) => {
    // Due when the window closes, so every failure of the window is in the one notice.
    const writer = createOutboxWriter({ db: trx, clock: { now: () => to }, logger: deps.logger, platforms: deps.platforms, queued });
    for (const member of samordning) await writer.toMember(member.id, content, { key });
    await writer.toChannels(failed.partnershipId!, { purpose: "partnership" }, content, { key });
  });
  await deps.queue.enqueueMany(queued);
}
