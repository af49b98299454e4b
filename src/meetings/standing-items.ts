import { DateTime } from "luxon";
import type { Db } from "../db/database.ts";
import type { Locale } from "../shared/i18n.ts";
import { openActionItems, type OpenActionItem } from "./agenda.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { neighbourMeeting, type Meeting, type MeetingGroup } from "./meeting.repository.ts";
import type { AgendaSources, OrganisationReportStatus } from "./meetings.deps.ts";

/** How close the extension deadline must be to be put on the agenda. */
const EXTENSION_HORIZON_DAYS = 90;

/** What the bot puts on every agenda by itself. */
export interface StandingItems {
  actions: OpenActionItem[];
  incidents?: number;
  coldNights?: number;
  reports?: OrganisationReportStatus[];
  extension?: { date: string; days: number };
}

/** Gathers the standing items for a meeting; counts run from the group's previous meeting. */
export async function gatherStandingItems(db: Db, sources: AgendaSources | undefined, group: MeetingGroup, meeting: Meeting, locale: Locale): Promise<StandingItems> {
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

// The agreement's extension deadline (MM-DD each period) when the next one falls within 90 days of the meeting
// and the agreement can still be extended.
async function extensionDeadline(db: Db, group: MeetingGroup, meeting: Meeting): Promise<{ date: string; days: number } | undefined> {
  const p = await db
    .selectFrom("partnerships")
    .select(["extension_deadline", "period_end", "extension_until"])
    .where("id", "=", group.partnershipId)
    .executeTakeFirst();
  if (p?.extension_deadline == null) return undefined;
  if (p.extension_until !== null && p.period_end >= p.extension_until) return undefined;
  const meetingDate = DateTime.fromISO(localDateOf(meeting.startsAt, group.timeZone), { zone: "utc" });
  let deadline = DateTime.fromISO(`${meetingDate.year}-${p.extension_deadline}`, { zone: "utc" });
  if (deadline < meetingDate) deadline = deadline.plus({ years: 1 });
  const days = Math.round(deadline.diff(meetingDate, "days").days);
  return days <= EXTENSION_HORIZON_DAYS ? { date: deadline.toISODate()!, days } : undefined;
}
