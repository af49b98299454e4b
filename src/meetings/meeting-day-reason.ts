import type { Translate } from "../shared/i18n.ts";
import { localDateOf, monthIndexOf, nthWeekdayOfMonth, zonedInstant } from "./local-dates.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { isoWeekdayOf } from "./meeting-settings.ts";
import type { MeetingMessageKey } from "./meetings.messages.ts";
import { createWorkingDays } from "./working-days.ts";

/**
 * Why a meeting is not on its group's usual day, in the reader's words; undefined when it is. An extra or polled
 * meeting says how it came about, a moved one from when; a planned one why the planner left the usual day (a
 * holiday, a blackout, or the cadence, which may make a blackout yield).
 */
export function whyThisDay(t: Translate<MeetingMessageKey>, group: MeetingGroup, meeting: Meeting): string | undefined {
  if (meeting.origin === "extra") return meeting.reason === null ? t("why.extra") : t("invite.extraReason", { reason: meeting.reason });
  if (meeting.origin === "poll") return t("why.poll");
  if (meeting.startsAt.getTime() !== meeting.plannedStartsAt.getTime()) return t("why.moved", { planned: meeting.plannedStartsAt });
  const zone = group.timeZone;
  const date = localDateOf(meeting.startsAt, zone);
  const { pattern } = group.meetings;
  const days = createWorkingDays(group.meetings.blackouts);
  // A blackout day is said even when it is the usual one: the group does not usually meet then.
  const here = days.blockedReason(date);
  if (here?.kind === "blackout") return t("why.yielded", { label: here.label });
  const usual = nthWeekdayOfMonth(monthIndexOf(date), isoWeekdayOf(pattern.weekday), pattern.week);
  if (usual === date) return undefined;
  const usualAt = zonedInstant(usual, pattern.time, zone);
  const blocked = days.blockedReason(usual);
  if (blocked?.kind === "holiday") return t("why.holiday", { usual: usualAt, name: blocked.name });
  if (blocked?.kind === "blackout") return t("why.blackout", { usual: usualAt, label: blocked.label });
  return t("why.cadence", { usual: usualAt });
}
