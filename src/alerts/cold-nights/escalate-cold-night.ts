import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import { loadColdNightSettings } from "./cold-night-settings.ts";
import { SamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findMembersWithRole, findStaffOf } from "../alerts.directory.ts";
import { coldNightKeys, isQuiet, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import {
  ladderFor,
  latestDuePosition,
  ladderOf,
  positionDueAt,
  restartedBase,
  rungAt,
  rungOf,
  scheduleLadderStep,
  stopLadder,
  type LadderRung,
} from "./escalation-ladder.ts";
import { refreshCard, sendCopies, type CopyNotice } from "./cold-night.notices.ts";
import { advanceEscalation, loadAlert, restartRun } from "./cold-night.repository.ts";

/** One step of one shelter's ladder: which run it belongs to and which position it takes. */
export interface LadderStep {
  alertId: string;
  activityId: string;
  run: number;
  position: number;
}

/**
 * Takes one step of a silent shelter's ladder in one transaction: the step is recorded, each person it reaches gets
 * a live copy of the card (one per person per due time and rung, however many shelters' steps fall then), and the
 * next step is scheduled, repeating until the shelter answers or the alert closes. After samordning acknowledged
 * the alert only the shelter's staff are reminded, quietly. A step that runs late takes the step the ladder has
 * reached by now and skips the ones it missed, so catching up after downtime sends one message, not a pile.
 */
export async function takeLadderStep(deps: AlertsDeps, step: LadderStep): Promise<void> {
  await deps.transact(async (w) => {
    const alert = await loadAlert(w.db, step.alertId);
    const shelter = alert?.responses.find((r) => r.activityId === step.activityId);
    // An answered shelter, a closed alert, a restarted run or a step already taken (a repeated job) changes nothing.
    if (alert === undefined || shelter === undefined || alert.status === "closed" || shelter.answer !== "pending") return;
    if (shelter.ladderRun !== step.run || shelter.escalationStep >= step.position) return;
    const settings = await loadColdNightSettings(w.db, alert.partnershipId);
    if (settings === undefined) return;
    const ladder = ladderOf(settings);
    const now = deps.clock.now();
    const position = latestDuePosition(ladder, shelter.ladderBaseAt, step.position, now);
    // Taking the step first locks the shelter's row: an answer committing meanwhile makes this find nothing to do.
    if (!(await advanceEscalation(w.db, { ...step, position }))) return;
    const quiet = isQuiet(alert, shelter);
    const rung = rungAt(ladder, position);
    const notice: CopyNotice = quiet ? "quiet" : rung;
    const dueAt = positionDueAt(ladder, shelter.ladderBaseAt, position);
    const recipients =
      quiet || rung === "staff"
        ? await findStaffOf(w.db, alert.partnershipId, step.activityId)
        : rung === "coordinator"
          ? await findMembersWithRole(w.db, alert.partnershipId, ["coordinator"], shelter.organisationId)
          : await findMembersWithRole(w.db, alert.partnershipId, ["samordning", "socialjouren"]);
    let reached = await sendCopies(w.notifier, alert.id, recipients, notice, coldNightKeys.escalation(alert.id, dueAt, notice));
    // A rung with nobody reachable must not silence the ladder: samordning and Socialjouren hear at once. Not after an
    // acknowledgement, though: samordning asked to hear no more.
    if (reached === 0 && notice !== "samordning" && !quiet) {
      deps.logger.warn(
        { alertId: alert.id, activityId: step.activityId, position, rung },
        "nobody reachable at this rung; going straight to samordning and Socialjouren",
      );
      const top = await findMembersWithRole(w.db, alert.partnershipId, ["samordning", "socialjouren"]);
      const key = `${coldNightKeys.escalation(alert.id, dueAt, "samordning")}:for:${step.activityId}`;
      reached = await sendCopies(w.notifier, alert.id, top, "samordning", key, { only: [step.activityId] });
    }
    // Nobody reachable at all: roll back and fail retryably, so the step is taken only once someone can hear it.
    if (reached === 0 && !quiet)
      throw new SamverkaError("platform_unavailable", `Step ${position} of the cold-night ladder can reach nobody; retrying.`, { retryable: true });
    await recordAudit(w.db, {
      partnershipId: alert.partnershipId,
      actorMemberId: null,
      action: "coldnight.escalated",
      subjectType: "cold_night",
      subjectId: alert.id,
      details: { activityId: step.activityId, run: step.run, position, skipped: position - step.position, rung, quiet, recipients: recipients.length, reached },
      at: now,
    });
    await scheduleLadderStep(w, alert, shelter, ladder, step.run, position + 1);
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
    await stopLadder(w, alert.id, shelter.activityId);
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
