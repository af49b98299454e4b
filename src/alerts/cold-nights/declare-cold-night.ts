import { hasAnyRole, type Member, type Partnership } from "../../partnerships/index.ts";
import { loadColdNightSettings, type ColdNightSettings } from "./cold-night-settings.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findDisplayNames, findNightShelters } from "../alerts.directory.ts";
import { closingTime, COLD_NIGHT_KINDS, coldNightKeys, totalExtraPlaces, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { ladderOf, scheduleLadderStep } from "./escalation-ladder.ts";
import { postCard, refreshCard, sendCopies, type CardChannels } from "./cold-night.notices.ts";

import { insertAlert, loadAlert, updateTemperature } from "./cold-night.repository.ts";
import type { Db } from "../../db/database.ts";

/** What declaring a cold night came to. */
export type DeclareOutcome =
  | { kind: "declared"; alert: ColdNightAlert; unreached: string[]; copied: boolean; card: CardChannels | undefined }
  | { kind: "existing"; alert: ColdNightAlert; declaredByName: string; total: number; copied: boolean }
  /** This very request declared it before (handled again after a crash): everything it does is already recorded. */
  | { kind: "repeated" }
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
  /** Names this request (the inbox row it came as), so handling it again after a crash sends its reply once. */
  requestKey?: string;
}

/**
 * Declares an extra cold night: one alert per night (a second declaration points to the first), the card in
 * the partnership's channels on every platform, every shelter's staff asked directly (the shelters whose staff
 * cannot be reached are named), and the escalation ladder and the morning close scheduled as reminder rows.
 */
export async function declareColdNight(deps: AlertsDeps, request: DeclareRequest): Promise<DeclareOutcome> {
  const { db, clock } = deps;
  const { partnership, declaredBy, night } = request;
  const settings = await loadColdNightSettings(db, partnership.id);
  if (settings === undefined) return { kind: "not_configured" };
  if (!hasAnyRole(declaredBy, settings.declarerRoles)) return { kind: "forbidden", roles: settings.declarerRoles };
  const now = clock.now();
  const closesAt = closingTime(night, settings.closeTime, partnership.timeZone);
  if (closesAt <= now) return { kind: "night_over" };
  const shelters = await findNightShelters(db, partnership.id);
  if (shelters.length === 0) return { kind: "no_shelters" };

  // One transaction: the alert, every shelter's ladder, the morning close, the card and every prompt exist
  // together or not at all; their deliveries are jobs queued after the commit.
  return deps.transact(async (w) => {
    const { alertId, created, sameRequest } = await insertAlert(
      w.db,
      {
        partnershipId: partnership.id,
        night,
        temperatureC: request.temperatureC ?? null,
        declaredBy: declaredBy.id,
        declaredRequest: request.requestKey,
        declaredAt: now,
        closesAt,
      },
      shelters,
    );
    if (sameRequest) return { kind: "repeated" };
    if (!created) {
      // A temperature given for a night already declared is the newer forecast: the card shows it.
      if (request.temperatureC !== undefined && (await updateTemperature(w.db, alertId, request.temperatureC))) {
        await recordAudit(w.db, {
          partnershipId: partnership.id,
          actorMemberId: declaredBy.id,
          action: "coldnight.temperature",
          subjectType: "cold_night",
          subjectId: alertId,
          details: { temperatureC: request.temperatureC },
          at: now,
        });
        await refreshCard(w.notifier, { id: alertId, partnershipId: partnership.id });
      }
      const copied = await sendCopies(w.notifier, alertId, [declaredBy.id], "existing", `coldnight:${alertId}:existing:${request.requestKey ?? now.getTime()}`);
      return existingOutcome(w.db, alertId, copied > 0);
    }
    await recordAudit(w.db, {
      partnershipId: partnership.id,
      actorMemberId: declaredBy.id,
      action: "coldnight.declared",
      subjectType: "cold_night",
      subjectId: alertId,
      details: { night, temperatureC: request.temperatureC ?? null },
      at: now,
    });
    await w.reminders.schedule({
      key: coldNightKeys.autoClose(alertId),
      kind: COLD_NIGHT_KINDS.autoClose,
      partnershipId: partnership.id,
      dueAt: closesAt,
      payload: { alertId },
    });

    const alert = (await loadAlert(w.db, alertId))!;
    // The ladder's first step for every shelter; each step schedules the next until the shelter answers.
    for (const shelter of alert.responses) await scheduleLadderStep(w, alert, shelter, ladderOf(settings), 1, 1);
    const card = await postCard(w.notifier, alert);
    // The declarer must know which shelters nobody can be reached for, so they phone them instead of waiting on the
    // ladder; a declarer on a shelter's staff is asked by their own copy, not by a second message.
    const unreached: ShelterResponse[] = [];
    for (const shelter of alert.responses) {
      const staff = shelters.find((s) => s.id === shelter.activityId)?.staffMemberIds ?? [];
      const others = staff.filter((id) => id !== declaredBy.id);
      const prompted = await sendCopies(w.notifier, alertId, others, "prompt", `coldnight:${alertId}:${shelter.activityId}:prompt`);
      if (prompted === 0 && !staff.includes(declaredBy.id)) unreached.push(shelter);
    }
    // The declarer's reply is a live copy of the card too, so the tally they see is the one in the channel.
    const unreachedIds = unreached.map((r) => r.activityId);
    const copied = await sendCopies(w.notifier, alertId, [declaredBy.id], "declared", `coldnight:${alertId}:declared`, { unreached: unreachedIds });
    return { kind: "declared", alert, unreached: unreached.map((r) => r.shelterName), copied: copied > 0, card };
  });
}

async function existingOutcome(db: Db, alertId: string, copied: boolean): Promise<DeclareOutcome> {
  const alert = (await loadAlert(db, alertId))!;
  const names = await findDisplayNames(db, alert.declaredBy === null ? [] : [alert.declaredBy]);
  return { kind: "existing", alert, declaredByName: names.get(alert.declaredBy ?? "") ?? "Samverka", total: totalExtraPlaces(alert.responses), copied };
}
