import { createFormConversations } from "../../forms/index.ts";
import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { COLD_NIGHT_KINDS, coldNightKeys, type ColdNightAlert } from "./cold-night.ts";
import { refreshCard } from "./cold-night.notices.ts";
import { loadAlert, markClosed } from "./cold-night.repository.ts";

/** What closing came to. */
export type CloseOutcome =
  | { kind: "closed"; alert: ColdNightAlert; followUpAt: Date | undefined }
  | { kind: "already_closed"; alert: ColdNightAlert }
  | { kind: "forbidden" }
  | { kind: "not_found" };

/**
 * Closes an alert: by samordning (or an admin), or by the bot in the morning when `closedBy` is null. Stops every
 * ladder, updates the card, and schedules each shelter's follow-up question for the morning.
 */
export async function closeColdNight(deps: AlertsDeps, alertId: string, closedBy: Member | null): Promise<CloseOutcome> {
  const { db, clock } = deps;
  if (closedBy !== null && !hasAnyRole(closedBy, ["samordning", "admin"])) return { kind: "forbidden" };
  const before = await loadAlert(db, alertId);
  if (before === undefined || (closedBy !== null && before.partnershipId !== closedBy.partnershipId)) return { kind: "not_found" };
  const now = clock.now();
  return deps.transact(async (w) => {
    if (!(await markClosed(w.db, alertId, closedBy?.id ?? null, now))) return { kind: "already_closed", alert: before };
    await recordAudit(w.db, {
      partnershipId: before.partnershipId,
      actorMemberId: closedBy?.id ?? null,
      action: "coldnight.closed",
      subjectType: "cold_night",
      subjectId: alertId,
      details: { automatic: closedBy === null },
      at: now,
    });
    await w.reminders.cancelByPrefix(coldNightKeys.alert(alertId));
    // A places answer half given in the chat can no longer be sent; a figure written next is the morning's.
    await createFormConversations({ db: w.db, clock }).closeSubjectsStartingWith(coldNightKeys.conversations("places", alertId));
    // Closed in the evening, the night still runs: the figures are asked for in the morning.
    const askAt = before.closesAt > now ? before.closesAt : now;
    for (const shelter of before.responses) {
      await w.reminders.schedule({
        key: coldNightKeys.followUp(alertId, shelter.activityId),
        kind: COLD_NIGHT_KINDS.followUp,
        partnershipId: before.partnershipId,
        dueAt: askAt,
        payload: { alertId, activityId: shelter.activityId },
      });
    }
    await refreshCard(w.notifier, before);
    return { kind: "closed", alert: (await loadAlert(w.db, alertId))!, followUpAt: askAt > now ? askAt : undefined };
  });
}
