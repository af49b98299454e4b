import type { Member, Partnership } from "../../partnerships/partnership.ts";
import { hasAnyRole } from "../../partnerships/partnership.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findDisplayNames, findNightShelters } from "../alerts.directory.ts";
import { composeShelterPrompt } from "./cold-night-card.ts";
import { closingTime, COLD_NIGHT_KINDS, coldNightKeys, ladderDueTimes, totalExtraPlaces, type ColdNightAlert } from "./cold-night.ts";
import { postCard } from "./cold-night-notices.ts";
import { loadColdNightSettings, type ColdNightSettings } from "../../partnerships/index.ts";
import { insertAlert, loadAlert, loadCardDeliveries } from "./cold-night.repository.ts";
import { tellMembers } from "../alerts.notices.ts";

/** What declaring a cold night came to. */
export type DeclareOutcome =
  | { kind: "declared"; alert: ColdNightAlert; unreached: string[] }
  | { kind: "existing"; alert: ColdNightAlert; declaredByName: string; total: number }
  | { kind: "not_configured" }
  | { kind: "forbidden"; roles: ColdNightSettings["declarerRoles"] }
  | { kind: "night_over" }
  | { kind: "no_shelters" };

/** Who declares, for which night. `declaredBy` is the member pressing the button or typing `kallnatt`. */
export interface DeclareRequest {
  partnership: Partnership;
  declaredBy: Member;
  night: string;
  temperatureC: number | undefined;
}

/**
 * Declares an extra cold night: one alert per night (a second declaration points to the first), the card in
 * the partnership's channels on every platform, every shelter's staff asked directly (the shelters whose staff
 * could not be reached are named), and the escalation ladder and the morning close scheduled as reminder rows.
 */
export async function declareColdNight(deps: AlertsDeps, request: DeclareRequest): Promise<DeclareOutcome> {
  const { db, clock, reminders } = deps;
  const { partnership, declaredBy, night } = request;
  const settings = await loadColdNightSettings(db, partnership.id);
  if (settings === undefined) return { kind: "not_configured" };
  if (!hasAnyRole(declaredBy, settings.declarerRoles)) return { kind: "forbidden", roles: settings.declarerRoles };
  const now = clock.now();
  const closesAt = closingTime(night, settings.closeTime, partnership.timeZone);
  if (closesAt <= now) return { kind: "night_over" };
  const shelters = await findNightShelters(db, partnership.id);
  if (shelters.length === 0) return { kind: "no_shelters" };

  const { alertId, created } = await insertAlert(
    db,
    { partnershipId: partnership.id, night, temperatureC: request.temperatureC ?? null, declaredBy: declaredBy.id, declaredAt: now, closesAt },
    shelters,
  );
  if (!created) return existingOutcome(deps, alertId);
  await recordAudit(db, {
    partnershipId: partnership.id,
    actorMemberId: declaredBy.id,
    action: "coldnight.declared",
    subjectType: "cold_night",
    subjectId: alertId,
    details: { night, temperatureC: request.temperatureC ?? null },
    at: now,
  });

  // The rows first: whatever fails below, the ladder and the close still happen.
  const dueTimes = ladderDueTimes(now, settings.escalationMinutes);
  for (const shelter of shelters) {
    for (const [index, dueAt] of dueTimes.entries()) {
      const step = index + 1;
      await reminders.schedule({
        key: coldNightKeys.step(alertId, shelter.id, step),
        kind: COLD_NIGHT_KINDS.escalate,
        partnershipId: partnership.id,
        dueAt,
        payload: { alertId, activityId: shelter.id, step },
      });
    }
  }
  await reminders.schedule({ key: coldNightKeys.autoClose(alertId), kind: COLD_NIGHT_KINDS.autoClose, partnershipId: partnership.id, dueAt: closesAt, payload: { alertId } });

  const alert = (await loadAlert(db, alertId))!;
  try {
    await postCard(deps, alert);
  } catch (error) {
    deps.logger.error({ err: error, alertId }, "the cold-night card could not be posted; declaring again re-posts it");
  }
  // The declarer must know which shelters heard nothing, so they can phone them instead of waiting on the ladder.
  const unreached: string[] = [];
  for (const shelter of alert.responses) {
    const staff = shelters.find((s) => s.id === shelter.activityId)?.staffMemberIds ?? [];
    const reached = await tellMembers(deps, staff, composeShelterPrompt(alert, shelter, "prompt", declaredBy.displayName), "cold-night prompt");
    if (reached === 0) unreached.push(shelter.shelterName);
  }
  return { kind: "declared", alert, unreached };
}

async function existingOutcome(deps: AlertsDeps, alertId: string): Promise<DeclareOutcome> {
  const alert = (await loadAlert(deps.db, alertId))!;
  // A declaration that died before its card went out is repaired by the next one.
  if (alert.status === "open" && (await loadCardDeliveries(deps.db, alertId)).length === 0) await postCard(deps, alert);
  const names = await findDisplayNames(deps.db, alert.declaredBy === null ? [] : [alert.declaredBy]);
  return { kind: "existing", alert, declaredByName: names.get(alert.declaredBy ?? "") ?? "Samverka", total: totalExtraPlaces(alert.responses) };
}
