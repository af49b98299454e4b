import { createFormConversations, type FormSession } from "../../forms/index.ts";
import { hasAnyRole, type Member } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findStaffOf } from "../alerts.directory.ts";
import type { ColdNightAlert, ColdNightAnswer, ShelterResponse } from "./cold-night.ts";
import { stopLadder } from "./escalation-ladder.ts";
import { refreshCard } from "./cold-night.notices.ts";
import { loadAlert, recordAnswer } from "./cold-night.repository.ts";
import { bedBoardCard } from "../beds/bed-board.ts";

/** What answering for a shelter came to. */
export type AnswerOutcome =
  | { kind: "answered"; alert: ColdNightAlert; shelter: ShelterResponse }
  | { kind: "forbidden"; shelter: ShelterResponse }
  | { kind: "closed"; alert: ColdNightAlert }
  | { kind: "not_found" };

/** One shelter's answer: opening `extraPlaces` extra places, full, or cannot. */
export interface AnswerRequest {
  alertId: string;
  activityId: string;
  answer: Exclude<ColdNightAnswer, "pending">;
  extraPlaces: number;
  /** Of the extra places, how many are for women (0 when not said). */
  extraPlacesWomen?: number;
  member: Member;
  /** The conversation the answer was given in: done in the same transaction as the answer. */
  session?: FormSession;
}

/** Finds the alert and the shelter a button or form refers to, within the member's partnership. */
export async function findShelterOnAlert(
  deps: AlertsDeps,
  alertId: string,
  activityId: string,
  partnershipId: string,
): Promise<{ alert: ColdNightAlert; shelter: ShelterResponse } | undefined> {
  const alert = await loadAlert(deps.db, alertId);
  const shelter = alert?.responses.find((r) => r.activityId === activityId);
  return alert !== undefined && shelter !== undefined && alert.partnershipId === partnershipId ? { alert, shelter } : undefined;
}

/** The shelter's own staff, its organisation's coordinators, samordning and admins may answer for it. */
export async function mayAnswerFor(deps: AlertsDeps, member: Member, shelter: ShelterResponse): Promise<boolean> {
  if (hasAnyRole(member, ["samordning", "admin"])) return true;
  if (hasAnyRole(member, ["coordinator"]) && member.organisationId === shelter.organisationId) return true;
  return (await findStaffOf(deps.db, member.partnershipId, shelter.activityId)).includes(member.id);
}

/** Records the answer, stops that shelter's ladder and refreshes every copy of the card; a later answer replaces it. */
export async function answerColdNight(deps: AlertsDeps, request: AnswerRequest): Promise<AnswerOutcome> {
  const found = await findShelterOnAlert(deps, request.alertId, request.activityId, request.member.partnershipId);
  if (found === undefined) return { kind: "not_found" };
  if (!(await mayAnswerFor(deps, request.member, found.shelter))) return { kind: "forbidden", shelter: found.shelter };
  const now = deps.clock.now();
  const extraPlaces = request.answer === "opening" ? request.extraPlaces : 0;
  const extraPlacesWomen = Math.min(extraPlaces, request.extraPlacesWomen ?? 0);
  const { session, ...answer } = request;
  return deps.transact(async (w) => {
    const recorded = await recordAnswer(w.db, { ...answer, extraPlaces, extraPlacesWomen, by: request.member.id, at: now });
    if (!recorded) return { kind: "closed", alert: found.alert };
    if (session !== undefined) await createFormConversations({ db: w.db, clock: deps.clock }).complete(session);
    await recordAudit(w.db, {
      partnershipId: found.alert.partnershipId,
      actorMemberId: request.member.id,
      action: "coldnight.answered",
      subjectType: "cold_night",
      subjectId: request.alertId,
      details: { activityId: request.activityId, answer: request.answer, extraPlaces, extraPlacesWomen },
      at: now,
    });
    // The handlers re-check the row too, so a step that fires before this commits still does nothing.
    await stopLadder(w, request.alertId, request.activityId);
    const alert = (await loadAlert(w.db, request.alertId))!;
    // Last, just before the commit: every shelter answering at once asks for the same refresh row, whose lock is
    // held from here to the commit, so the answers wait for each other as briefly as possible.
    await refreshCard(w.notifier, found.alert);
    // The extra places are on the bed board too.
    await w.notifier.refreshCard(bedBoardCard(found.alert.partnershipId, found.alert.night), found.alert.partnershipId);
    return { kind: "answered", alert, shelter: alert.responses.find((r) => r.activityId === request.activityId)! };
  });
}
