import { DateTime } from "luxon";
import type { Compose } from "../../chat/index.ts";
import { hasAnyRole, type Member, type Partnership } from "../../partnerships/index.ts";
import { loadColdNightSettings } from "../cold-nights/cold-night-settings.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { recordAudit } from "../alerts.audit.ts";
import { findNightShelters } from "../alerts.directory.ts";
import { currentNight } from "../cold-nights/cold-night.ts";
import { refreshCard as refreshColdNightCard } from "../cold-nights/cold-night.notices.ts";
import { findAlertIdByNight } from "../cold-nights/cold-night.repository.ts";
import { bedBoardCard, type ShelterBeds } from "./bed-board.ts";
import { shelterSummary } from "./bed-board.card.ts";
import { findBoardRecipients, loadBedBoard, recordBeds } from "./bed-board.repository.ts";
import { bedsMessages } from "./beds.messages.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";

/** The night a bed report or the board is about: the night under way until the cold-night close time. */
export async function bedNight(deps: Pick<AlertsDeps, "db" | "clock">, partnership: Pick<Partnership, "id" | "timeZone">): Promise<string> {
  const settings = await loadColdNightSettings(deps.db, partnership.id);
  return currentNight(deps.clock.now(), partnership.timeZone, settings?.closeTime ?? "09:00");
}

/** What a report of beds came to. */
export type BedReportOutcome = { kind: "recorded"; shelter: ShelterBeds; night: string } | { kind: "forbidden"; shelterName: string } | { kind: "not_found" };

/** A shelter's counts: any of free now, free women's places, turned away so far. */
export interface BedCounts {
  free?: number;
  freeWomen?: number;
  turnedAway?: number;
}

/**
 * Records a night shelter's counts for tonight in one transaction: the row, the audit entry, a refresh of every copy
 * of the board and of tonight's cold-night card, and, after the board's time, a short notice of the change to
 * those who get the board without asking (Socialjouren, EU-teamet).
 */
export async function reportBeds(
  deps: AlertsDeps,
  request: { partnership: Partnership; member: Member; activityId: string; counts: BedCounts },
): Promise<BedReportOutcome> {
  const { partnership, member, activityId, counts } = request;
  const shelter = (await findNightShelters(deps.db, partnership.id)).find((s) => s.id === activityId);
  if (shelter === undefined) return { kind: "not_found" };
  const allowed =
    hasAnyRole(member, ["samordning", "admin"]) ||
    (hasAnyRole(member, ["coordinator"]) && member.organisationId === shelter.organisationId) ||
    shelter.staffMemberIds.includes(member.id);
  if (!allowed) return { kind: "forbidden", shelterName: shelter.name };
  const settings = await loadColdNightSettings(deps.db, partnership.id);
  const now = deps.clock.now();
  const night = currentNight(now, partnership.timeZone, settings?.closeTime ?? "09:00");
  return deps.transact(async (w) => {
    await recordBeds(w.db, { partnershipId: partnership.id, activityId, night, ...counts, by: member.id, at: now });
    await recordAudit(w.db, {
      partnershipId: partnership.id,
      actorMemberId: member.id,
      action: "beds.reported",
      subjectType: "shelter_night",
      subjectId: `${activityId}:${night}`,
      details: { ...counts },
      at: now,
    });
    await w.notifier.refreshCard(bedBoardCard(partnership.id, night), partnership.id);
    const alertId = await findAlertIdByNight(w.db, partnership.id, night);
    if (alertId !== undefined) await refreshColdNightCard(w.notifier, { id: alertId, partnershipId: partnership.id });
    const board = await loadBedBoard(w.db, partnership.id, night);
    const beds = board.shelters.find((s) => s.activityId === activityId)!;
    if (settings !== undefined && isPast(now, night, settings.bedBoard.from, partnership.timeZone)) {
      const recipients = (await findBoardRecipients(w.db, partnership.id, settings.bedBoard.roles, settings.bedBoard.cityUnits)).filter(
        (id) => id !== member.id,
      );
      for (const id of recipients)
        await w.notifier.toMember(id, changeNotice(beds), { key: `beds:${partnership.id}:${night}:change:${activityId}:${now.getTime()}` });
    }
    return { kind: "recorded", shelter: beds, night };
  });
}

/** Whether `now` is at or after `time` ("HH:MM") on the evening of `night`, local time. */
export function isPast(now: Date, night: string, time: string, timeZone: string): boolean {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return now >= DateTime.fromISO(night, { zone: timeZone }).set({ hour, minute }).toJSDate();
}

function changeNotice(beds: ShelterBeds): Compose {
  return ({ locale, timeZone }) => {
    const t = createNightTranslator(bedsMessages, locale, timeZone);
    const text = t("change", { shelter: beds.shelterName, what: shelterSummary(t, beds) });
    return { text, blocks: [{ type: "text", text }] };
  };
}
