import { DateTime } from "luxon";
import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import { openActionItems, type OpenActionItem } from "./agenda.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { neighbourMeeting, type Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import type { AgendaSources, OrganisationReportStatus } from "./meetings.deps.ts";

/** How close the extension deadline must be to be put on the agenda. */
const EXTENSION_HORIZON_DAYS = 90;

/** What the bot puts on every agenda by itself. */
export interface StandingItems {
  actions: OpenActionItem[];
  incidents?: number;
  coldNights?: number;
  reports?: OrganisationReportStatus[];
  extension?: { date: string; days: number; key: string };
}

/** Gathers the standing items for a meeting; counts run from the group's previous meeting. */
export async function gatherStandingItems(
  db: Db,
  sources: AgendaSources | undefined,
  group: MeetingGroup,
  meeting: Meeting,
  locale: Locale,
): Promise<StandingItems> {
  const actions = await openActionItems(db, group.id);
  const previous = await neighbourMeeting(db, group.id, meeting.startsAt, "before", meeting.id);
  // Without an earlier meeting the counts cover the last quarter, which is what a first meeting reviews.
  const since = previous?.startsAt ?? DateTime.fromJSDate(meeting.startsAt).minus({ months: 3 }).toJSDate();
  const extension = await extensionDeadline(db, group, meeting);
  if (sources === undefined) return { actions, ...(extension ? { extension } : {}) };
  const [incidents, coldNights, reports] = await Promise.all([
    sources.countIncidentsSince(group.partnershipId, since),
    sources.countColdNightsSince(group.partnershipId, since),
    sources.reportStatus(group.partnershipId, locale),
  ]);
  return { actions, incidents, coldNights, reports, ...(extension ? { extension } : {}) };
}

// The written-extension deadline of the current agreement period (the last MM-DD on or before the period's end),
// when the agreement can still be extended and the deadline falls within 90 days after the meeting. The key is the
// one the reports capability uses for the same agenda item.
async function extensionDeadline(db: Db, group: MeetingGroup, meeting: Meeting): Promise<StandingItems["extension"]> {
  const p = await db
    .selectFrom("partnerships")
    .select(["extension_deadline", "period_end", "extension_until"])
    .where("id", "=", group.partnershipId)
    .executeTakeFirst();
  if (p === undefined || p.extension_deadline === null || p.extension_until === null || p.extension_until <= p.period_end) return undefined;
  const endYear = Number(p.period_end.slice(0, 4));
  const deadline = [endYear, endYear - 1].map((y) => `${y}-${p.extension_deadline}`).find((d) => d <= p.period_end)!;
  const meetingDate = localDateOf(meeting.startsAt, group.timeZone);
  const days = Math.round(DateTime.fromISO(deadline, { zone: "utc" }).diff(DateTime.fromISO(meetingDate, { zone: "utc" }), "days").days);
  if (days < 0 || days > EXTENSION_HORIZON_DAYS) return undefined;
  return { date: deadline, days, key: `extension:${group.partnershipId}:${deadline}` };
}
