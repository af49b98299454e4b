import type { ReminderHandler } from "../../app/feature.ts";
import { SamverkaError } from "../../shared/errors.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findDisplayNames, findMembersWithRole, findStaffOf } from "../alerts.directory.ts";
import { composeFollowUpRequest, composeShelterPrompt } from "./cold-night-card.ts";
import { COLD_NIGHT_KINDS, coldNightKeys, FOLLOW_UP_AGAIN_AFTER_MS, rungOf } from "./cold-night.ts";
import { autoClosePayload, escalationPayload, followUpPayload } from "./cold-night.jobs.ts";
import { advanceEscalation, loadAlert, loadCardDeliveries } from "./cold-night.repository.ts";
import { postCard } from "./cold-night-notices.ts";
import { closeColdNight } from "./close-cold-night.ts";
import { tellMembers } from "../alerts.notices.ts";
import { parseReminderPayload } from "../alerts.payload.ts";

// A card that never reached any channel (every platform down at declaration) is posted by the next step.
async function repostMissingCard(deps: AlertsDeps, alertId: string): Promise<void> {
  if ((await loadCardDeliveries(deps.db, alertId)).length > 0) return;
  try {
    await postCard(deps, (await loadAlert(deps.db, alertId))!);
  } catch (error) {
    deps.logger.warn({ err: error, alertId }, "the cold-night card still cannot be posted; the next step tries again");
  }
}

/** The reminder handlers of cold nights; each re-reads the rows and does nothing when the moment has passed. */
export function createColdNightReminderHandlers(deps: AlertsDeps): ReminderHandler[] {
  const { db } = deps;
  return [
    {
      kind: COLD_NIGHT_KINDS.escalate,
      async run(reminder) {
        const { alertId, activityId, step } = parseReminderPayload(escalationPayload, reminder.payload, reminder.kind);
        const alert = await loadAlert(db, alertId);
        const shelter = alert?.responses.find((r) => r.activityId === activityId);
        // An answered shelter, a closed alert or a step already taken (a repeated job) changes nothing.
        if (alert === undefined || shelter === undefined || alert.status === "closed" || shelter.answer !== "pending" || shelter.escalationStep >= step) return;
        const rung = rungOf(step);
        const recipients =
          rung === "staff"
            ? await findStaffOf(db, alert.partnershipId, activityId)
            : rung === "coordinator"
              ? await findMembersWithRole(db, alert.partnershipId, ["coordinator"], shelter.organisationId)
              : await findMembersWithRole(db, alert.partnershipId, ["samordning", "socialjouren"]);
        const declaredBy = (await findDisplayNames(db, alert.declaredBy === null ? [] : [alert.declaredBy])).get(alert.declaredBy ?? "") ?? "Samverka";
        const compose = composeShelterPrompt(alert, shelter, rung, declaredBy);
        let reached = await tellMembers(deps, recipients, compose, "cold-night escalation");
        // A rung with nobody reachable must not silence the ladder: samordning and Socialjouren hear at once.
        if (reached === 0 && rung !== "samordning") {
          deps.logger.warn({ alertId, activityId, step, rung }, "nobody reachable at this rung; going straight to samordning and Socialjouren");
          const top = await findMembersWithRole(db, alert.partnershipId, ["samordning", "socialjouren"]);
          reached = await tellMembers(deps, top, composeShelterPrompt(alert, shelter, "samordning", declaredBy), "cold-night escalation");
        }
        // Nobody reached at all: fail retryably so the queue tries again, and the step is only marked once it went out.
        if (reached === 0) throw new SamverkaError("platform_unavailable", `Step ${step} of the cold-night ladder reached nobody; retrying.`, { retryable: true });
        if (!(await advanceEscalation(db, alertId, activityId, step))) return;
        await repostMissingCard(deps, alertId);
        await recordAudit(db, {
          partnershipId: alert.partnershipId,
          actorMemberId: null,
          action: "coldnight.escalated",
          subjectType: "cold_night",
          subjectId: alertId,
          details: { activityId, step, rung, recipients: recipients.length, reached },
          at: deps.clock.now(),
        });
      },
    },
    {
      kind: COLD_NIGHT_KINDS.autoClose,
      async run(reminder) {
        const { alertId } = parseReminderPayload(autoClosePayload, reminder.payload, reminder.kind);
        await closeColdNight(deps, alertId, null);
      },
    },
    {
      kind: COLD_NIGHT_KINDS.followUp,
      async run(reminder) {
        const { alertId, activityId, round } = parseReminderPayload(followUpPayload, reminder.payload, reminder.kind);
        const alert = await loadAlert(db, alertId);
        const shelter = alert?.responses.find((r) => r.activityId === activityId);
        if (alert === undefined || shelter === undefined || shelter.placesUsed !== null) return;
        const coordinators = () => findMembersWithRole(db, alert.partnershipId, ["coordinator"], shelter.organisationId);
        if (round > 1) {
          await tellMembers(deps, await coordinators(), composeFollowUpRequest(alert, shelter, "again"), "cold-night follow-up");
          return;
        }
        const compose = composeFollowUpRequest(alert, shelter, "first");
        const reached = await tellMembers(deps, await findStaffOf(db, alert.partnershipId, activityId), compose, "cold-night follow-up");
        // A shelter without reachable staff is asked through its organisation's coordinators instead.
        if (reached === 0) await tellMembers(deps, await coordinators(), compose, "cold-night follow-up");
        // Figures still missing later in the day go to the organisation's coordinators, once.
        await deps.reminders.schedule({
          key: coldNightKeys.followUpAgain(alertId, activityId),
          kind: COLD_NIGHT_KINDS.followUp,
          partnershipId: alert.partnershipId,
          dueAt: new Date(deps.clock.now().getTime() + FOLLOW_UP_AGAIN_AFTER_MS),
          payload: { alertId, activityId, round: 2 },
        });
      },
    },
  ];
}
