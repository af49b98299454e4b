import { defineReminder, type ReminderHandler } from "../../app/feature.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findMembersWithRole, findStaffOf } from "../alerts.directory.ts";
import { tellMembers } from "../alerts.notices.ts";
import { composeFollowUpRequest } from "./cold-night.card.ts";
import { COLD_NIGHT_KINDS, coldNightKeys, FOLLOW_UP_AGAIN_AFTER_MS } from "./cold-night.ts";
import { autoClosePayload, escalationPayload, followUpPayload } from "./cold-night.jobs.ts";
import { loadAlert } from "./cold-night.repository.ts";
import { closeColdNight } from "./close-cold-night.ts";
import { takeLadderStep } from "./escalate-cold-night.ts";

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
      run: (_reminder, step) => takeLadderStep(deps, step),
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
