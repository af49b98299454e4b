import { defineReminder, type ReminderHandler } from "../../app/feature.ts";
import { SamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findDisplayNames, findMembersWithRole, findStaffOf } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { composeFollowUpRequest, composeShelterPrompt } from "./cold-night-card.ts";
import { COLD_NIGHT_KINDS, coldNightKeys, FOLLOW_UP_AGAIN_AFTER_MS, rungOf } from "./cold-night.ts";
import { autoClosePayload, escalationPayload, followUpPayload } from "./cold-night.jobs.ts";
import { advanceEscalation, loadAlert } from "./cold-night.repository.ts";
import { closeColdNight } from "./close-cold-night.ts";

/**
 * The reminder handlers of cold nights; each re-reads the rows and does nothing when the moment has passed, and
 * writes what it sends in the same transaction as the step it takes, so a repeated job sends nothing twice.
 */
export function createColdNightReminderHandlers(deps: AlertsDeps): ReminderHandler[] {
  const { db } = deps;
  return [
    defineReminder({
      kind: COLD_NIGHT_KINDS.escalate,
      payload: escalationPayload,
      async run(_reminder, { alertId, activityId, step }) {
        await deps.transact(async (w) => {
          const alert = await loadAlert(w.db, alertId);
          const shelter = alert?.responses.find((r) => r.activityId === activityId);
          // An answered shelter, a closed alert or a step already taken (a repeated job) changes nothing.
          if (alert === undefined || shelter === undefined || alert.status === "closed" || shelter.answer !== "pending" || shelter.escalationStep >= step) return;
          const rung = rungOf(step);
          const recipients =
            rung === "staff"
              ? await findStaffOf(w.db, alert.partnershipId, activityId)
              : rung === "coordinator"
                ? await findMembersWithRole(w.db, alert.partnershipId, ["coordinator"], shelter.organisationId)
                : await findMembersWithRole(w.db, alert.partnershipId, ["samordning", "socialjouren"]);
          const declaredBy = (await findDisplayNames(w.db, alert.declaredBy === null ? [] : [alert.declaredBy])).get(alert.declaredBy ?? "") ?? "Samverka";
          const key = coldNightKeys.step(alertId, activityId, step);
          let reached = await tellMembers(w.notifier, recipients, composeShelterPrompt(alert, shelter, rung, declaredBy), key);
          // A rung with nobody reachable must not silence the ladder: samordning and Socialjouren hear at once.
          if (reached === 0 && rung !== "samordning") {
            deps.logger.warn({ alertId, activityId, step, rung }, "nobody reachable at this rung; going straight to samordning and Socialjouren");
            const top = await findMembersWithRole(w.db, alert.partnershipId, ["samordning", "socialjouren"]);
            reached = await tellMembers(w.notifier, top, composeShelterPrompt(alert, shelter, "samordning", declaredBy), `${key}:top`);
          }
          // Nobody reachable at all: roll back and fail retryably, so the step is taken only once someone can hear it.
          if (reached === 0) throw new SamverkaError("platform_unavailable", `Step ${step} of the cold-night ladder can reach nobody; retrying.`, { retryable: true });
          if (!(await advanceEscalation(w.db, alertId, activityId, step))) return;
          await recordAudit(w.db, {
            partnershipId: alert.partnershipId,
            actorMemberId: null,
            action: "coldnight.escalated",
            subjectType: "cold_night",
            subjectId: alertId,
            details: { activityId, step, rung, recipients: recipients.length, reached },
            at: deps.clock.now(),
          });
        });
      },
    }),
    defineReminder({
      kind: COLD_NIGHT_KINDS.autoClose,
      payload: autoClosePayload,
      async run(_reminder, { alertId }) {
        await closeColdNight(deps, alertId, null);
      },
    }),
    defineReminder({
      kind: COLD_NIGHT_KINDS.followUp,
      payload: followUpPayload,
      async run(_reminder, { alertId, activityId, round }) {
        const alert = await loadAlert(db, alertId);
        const shelter = alert?.responses.find((r) => r.activityId === activityId);
        if (alert === undefined || shelter === undefined || shelter.placesUsed !== null) return;
        const key = `${coldNightKeys.followUp(alertId, activityId)}:round-${round}`;
        await deps.transact(async (w) => {
          const coordinators = () => findMembersWithRole(w.db, alert.partnershipId, ["coordinator"], shelter.organisationId);
          if (round > 1) {
            await tellMembers(w.notifier, await coordinators(), composeFollowUpRequest(alert, shelter, "again"), key);
            return;
          }
          const compose = composeFollowUpRequest(alert, shelter, "first");
          const reached = await tellMembers(w.notifier, await findStaffOf(w.db, alert.partnershipId, activityId), compose, key);
          // A shelter without reachable staff is asked through its organisation's coordinators instead.
          if (reached === 0) await tellMembers(w.notifier, await coordinators(), compose, key);
          // Figures still missing later in the day go to the organisation's coordinators, once.
          await w.reminders.schedule({
            key: coldNightKeys.followUpAgain(alertId, activityId),
            kind: COLD_NIGHT_KINDS.followUp,
            partnershipId: alert.partnershipId,
            dueAt: new Date(deps.clock.now().getTime() + FOLLOW_UP_AGAIN_AFTER_MS),
            payload: { alertId, activityId, round: 2 },
          });
        });
      },
    }),
  ];
}
