import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { coldNightKeys, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { restartedBase, rungOf, type LadderRung } from "./cold-night-ladder.ts";
import { refreshCard } from "./cold-night-notices.ts";
import { loadAlert, markAcknowledged, restartRun } from "./cold-night.repository.ts";
import { ladderFor, scheduleLadderStep } from "./escalate-cold-night.ts";

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

/** What restarting one shelter's ladder came to. */
export type RestartOutcome =
  | { kind: "restarted"; shelter: ShelterResponse; step: number; rung: LadderRung }
  | { kind: "answered"; shelter: ShelterResponse }
  | { kind: "closed"; alert: ColdNightAlert }
  | { kind: "forbidden" }
  | { kind: "not_found" };

/**
 * Samordning restarts one silent shelter's ladder from configured step `step`: that step goes out at once, the
 * following ones after the usual gaps, and the shelter's ladder is loud again even after an acknowledgement.
 */
export async function restartLadder(deps: AlertsDeps, request: { alertId: string; activityId: string; step: number; member: Member }): Promise<RestartOutcome> {
  if (!hasAnyRole(request.member, ["samordning", "admin"])) return { kind: "forbidden" };
  const alert = await loadAlert(deps.db, request.alertId);
  const shelter = alert?.responses.find((r) => r.activityId === request.activityId);
  if (alert === undefined || shelter === undefined || alert.partnershipId !== request.member.partnershipId) return { kind: "not_found" };
  const ladder = await ladderFor(deps, alert.partnershipId);
  if (ladder === undefined || request.step < 1 || request.step > ladder.minutes.length) return { kind: "not_found" };
  if (alert.status === "closed") return { kind: "closed", alert };
  if (shelter.answer !== "pending") return { kind: "answered", shelter };
  const now = deps.clock.now();
  const baseAt = restartedBase(ladder, now, request.step);
  return deps.transact(async (w) => {
    const run = await restartRun(w.db, { alertId: alert.id, activityId: shelter.activityId, from: request.step, baseAt, at: now });
    if (run === undefined) return { kind: "answered", shelter };
    await w.reminders.cancelByPrefix(coldNightKeys.ladder(alert.id, shelter.activityId));
    await scheduleLadderStep(w, alert, { ...shelter, ladderBaseAt: baseAt }, ladder, run, request.step);
    await recordAudit(w.db, {
      partnershipId: alert.partnershipId,
      actorMemberId: request.member.id,
      action: "coldnight.ladder_restarted",
      subjectType: "cold_night",
      subjectId: alert.id,
      details: { activityId: shelter.activityId, step: request.step, run },
      at: now,
    });
    await refreshCard(w.notifier, alert);
    return { kind: "restarted", shelter, step: request.step, rung: rungOf(request.step) };
  });
}
