import { z } from "zod";
import type { Platform } from "../chat/chat-port.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import { outboxMessages } from "./outbox.messages.ts";
import { FAILURE_NOTICE_PREFIX, findFailuresBetween } from "./outbox.repository.ts";
import { defineRenderer, type OutboxContent, type OutboxQueue, type OutboxRecord, type OutboxRenderer } from "./outbox.ts";
import { createOutboxWriter } from "./outbox-writer.ts";

/** Failures within one window are told to samordning in one notice, at the window's end. */
const WINDOW_MS = 5 * 60_000;
const RENDERER = "outbox.failures";

const payloadSchema = z.object({ partnershipId: z.string(), from: z.iso.datetime(), to: z.iso.datetime() });

function describe(content: OutboxContent): string {
  if (content.type === "message" || content.type === "retract") return `"${excerpt(content.message.text)}"`;
  if (content.type === "file") return content.filename;
  return content.render;
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
      const t = createTranslator(outboxMessages, audience.locale, audience.timeZone);
      const items = failures.map((f) => {
        // A copy that could not be taken back is still there: someone must remove it by hand.
        if (f.content.type === "retract") return t("failures.retract", { where: f.memberName ?? f.conversation ?? "?" });
        return f.memberName !== null
          ? t("failures.toMember", { what: describe(f.content), name: f.memberName })
          : t("failures.toChannel", { what: describe(f.content), channel: f.conversation ?? "?" });
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
