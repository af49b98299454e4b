import { sql } from "kysely";
import type { ChatPort, Compose } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import type { Logger } from "../shared/logger.ts";
import type { NewOutboxRow } from "./outbox.repository.ts";
import type { RetractContent } from "./outbox.ts";
import { isRetryable } from "./retry-policy.ts";

const escapeLike = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Scrubs every message row recorded under the prefixes (its content becomes `content`, composed for its reader) and
 * returns, for each copy that was delivered, the row that takes it back where it landed.
 */
export async function scrubAndPlanRetractions(db: Db, keyPrefixes: readonly string[], content: Compose, key: string, now: Date): Promise<NewOutboxRow[]> {
  if (keyPrefixes.length === 0) return [];
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "key", "partnership_id", "member_id", "conversation", "locale", "time_zone", "status", "message_ref", "sent_platform"])
    .where("kind", "=", "message")
    .where((eb) => eb.or(keyPrefixes.map((prefix) => eb("key", "like", sql<string>`${`${escapeLike(prefix)}%`}`))))
    .orderBy("created_at")
    .execute();
  const retractions: NewOutboxRow[] = [];
  for (const row of rows) {
    const message = content({ locale: row.locale as Locale, timeZone: row.time_zone });
    await db
      .updateTable("outbox")
      .set({ content: JSON.stringify({ type: "message", message }), updated_at: now })
      .where("id", "=", row.id)
      .execute();
    if (row.status !== "sent" || row.message_ref === null || row.sent_platform === null) continue;
    const retract: RetractContent = { type: "retract", platform: row.sent_platform, messageRef: row.message_ref, message };
    retractions.push({
      key: `${key}:${row.id}`,
      partnershipId: row.partnership_id,
      kind: "message",
      ...(row.member_id === null ? {} : { memberId: row.member_id }),
      platform: row.sent_platform,
      ...(row.conversation === null ? {} : { conversation: row.conversation }),
      content: retract,
      locale: row.locale,
      timeZone: row.time_zone,
      dueAt: now,
    });
  }
  return retractions;
}

/**
 * Takes back one delivered copy: replaced in place, else deleted. A failure that may pass is thrown to be retried;
 * when the platform refuses both, the refusal is thrown and the row fails (and samordning is told).
 */
export async function retractCopy(chat: ChatPort, content: RetractContent, logger: Logger): Promise<"replaced" | "deleted"> {
  try {
    await chat.update(content.messageRef, content.message);
    return "replaced";
  } catch (error) {
    if (isRetryable(error)) throw error;
    logger.warn({ err: error }, "the platform would not replace the copy; deleting it instead");
  }
  await chat.delete(content.messageRef);
  return "deleted";
}
