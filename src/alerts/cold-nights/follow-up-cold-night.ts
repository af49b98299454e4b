import { createFormConversations, type FormSession } from "../../forms/index.ts";
import type { Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findShelterOnAlert, mayAnswerFor } from "./answer-cold-night.ts";
import { coldNightKeys, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { refreshCard } from "./cold-night.notices.ts";
import { recordFollowUp } from "./cold-night.repository.ts";

/** What recording the morning figures came to. */
export type FollowUpOutcome =
  { kind: "recorded"; alert: ColdNightAlert; shelter: ShelterResponse } | { kind: "forbidden"; shelter: ShelterResponse } | { kind: "not_found" };

/** Records how many extra places a shelter used and how many people it turned away; a second report corrects the first. */
export async function recordColdNightFollowUp(
  deps: AlertsDeps,
  request: { alertId: string; activityId: string; placesUsed: number; turnedAway: number; member: Member; session?: FormSession },
): Promise<FollowUpOutcome> {
  const found = await findShelterOnAlert(deps, request.alertId, request.activityId, request.member.partnershipId);
  if (found === undefined) return { kind: "not_found" };
  if (!(await mayAnswerFor(deps, request.member, found.shelter))) return { kind: "forbidden", shelter: found.shelter };
  const now = deps.clock.now();
  const { session, ...figures } = request;
  return deps.transact(async (w) => {
    await recordFollowUp(w.db, { ...figures, by: request.member.id, at: now });
    // The conversation the figures were given in is done with them, or not at all.
    if (session !== undefined) await createFormConversations({ db: w.db, clock: deps.clock }).complete(session);
    await recordAudit(w.db, {
      partnershipId: found.alert.partnershipId,
      actorMemberId: request.member.id,
      action: "coldnight.followed_up",
      subjectType: "cold_night",
      subjectId: request.alertId,
      details: { activityId: request.activityId, placesUsed: request.placesUsed, turnedAway: request.turnedAway },
      at: now,
    });
    await w.reminders.cancelByPrefix(coldNightKeys.followUp(request.alertId, request.activityId));
    await refreshCard(w.notifier, found.alert);
    return { kind: "recorded", alert: found.alert, shelter: found.shelter };
  });
}
