import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import type { ColdNightAlert } from "./cold-night.ts";
import { refreshCard } from "./cold-night.notices.ts";
import { loadAlert, markAcknowledged } from "./cold-night.repository.ts";

/** What acknowledging came to. */
export type AcknowledgeOutcome =
  | { kind: "acknowledged"; alert: ColdNightAlert }
  | { kind: "already"; alert: ColdNightAlert }
  | { kind: "closed"; alert: ColdNightAlert }
  | { kind: "forbidden" }
  | { kind: "not_found" };

/**
 * Samordning acknowledges the alert as a whole ("Kvittera larmet"): the ladder above the shelters' staff stops, and
 * the shelters that have not answered get only a quiet reminder from their own staff's step from now on.
 */
export async function acknowledgeColdNight(deps: AlertsDeps, alertId: string, member: Member): Promise<AcknowledgeOutcome> {
  if (!hasAnyRole(member, ["samordning", "admin"])) return { kind: "forbidden" };
  const before = await loadAlert(deps.db, alertId);
  if (before === undefined || before.partnershipId !== member.partnershipId) return { kind: "not_found" };
  if (before.status === "closed") return { kind: "closed", alert: before };
  const now = deps.clock.now();
  return deps.transact(async (w) => {
    if (!(await markAcknowledged(w.db, alertId, member.id, now))) return { kind: "already", alert: before };
    await recordAudit(w.db, {
      partnershipId: before.partnershipId,
      actorMemberId: member.id,
      action: "coldnight.acknowledged",
      subjectType: "cold_night",
      subjectId: alertId,
      at: now,
    });
    await refreshCard(w.notifier, before);
    return { kind: "acknowledged", alert: (await loadAlert(w.db, alertId))! };
  });
}
