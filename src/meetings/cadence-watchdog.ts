import { sql } from "kysely";
import { DateTime } from "luxon";
import type { RecurringTask } from "../app/feature.ts";
import { PLAN_MONTHS, withdrawMeetingsAfterPeriod } from "./agreement-period.ts";
import { cadenceDeadline } from "./cadence-months.ts";
import { planCadence } from "./cadence-plan.ts";
import { firstDayOfMonth, localDateOf, monthIndexOf, lastDayOfMonth } from "./local-dates.ts";
import { listMeetings, neighbourMeeting } from "./meeting.repository.ts";
import { listAllGroups, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { scheduleMeetingReminders } from "./reminder-times.ts";
import { translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { planGroupMeetings } from "./plan-meetings.ts";
import { recordToGroup } from "./group.notices.ts";
import { termWindows } from "./term-plan.ts";
import { addDays } from "./working-days.ts";

/** A missing meeting is warned about once its cadence deadline is this close. */
const WARN_DAYS = 60;
/** Reminders are kept scheduled for meetings this close (the longest notice allowed is 90 days). */
const REMINDER_DAYS = 100;

/** What the watchdog found wrong with one group's cadence. */
export type CadenceGap = { kind: "gap"; months: number; last: string; deadline: string } | { kind: "term"; from: string; to: string };

/** The first cadence gap that needs a meeting within the warning window, if any. */
async function findCadenceGap(deps: MeetingsDeps, group: MeetingGroup, now: Date): Promise<CadenceGap | undefined> {
  const today = localDateOf(now, group.timeZone);
  const horizon = addDays(today, WARN_DAYS);
  const upcoming = await listMeetings(
    deps.db,
    group.id,
    now,
    DateTime.fromJSDate(now)
      .plus({ months: PLAN_MONTHS + 1 })
      .toJSDate(),
  );
  const dates = upcoming.map((m) => localDateOf(m.startsAt, group.timeZone));
  if (group.cadence.kind === "term") {
    const term = termWindows(group.meetings.terms, today, horizon).find(
      (w) => w.to >= today && w.from <= horizon && w.from <= group.periodEnd && !dates.some((d) => d >= w.from && d <= w.to),
    );
    if (term === undefined) return undefined;
    const heldInTerm = await neighbourMeeting(deps.db, group.id, now, "before");
    if (heldInTerm !== undefined && localDateOf(heldInTerm.startsAt, group.timeZone) >= term.from) return undefined;
    return { kind: "term", from: term.from, to: term.to };
  }
  const months = group.cadence.months;
  const last = await neighbourMeeting(deps.db, group.id, now, "before");
  const chain = [...(last === undefined ? [] : [localDateOf(last.startsAt, group.timeZone)]), ...dates];
  for (let i = 0; i < chain.length; i++) {
    const deadlineMonth = cadenceDeadline(monthIndexOf(chain[i]!), months, group.meetings.exemptMonths);
    // No meeting is needed in a month that begins after the agreement period has ended.
    if (!Number.isFinite(deadlineMonth) || firstDayOfMonth(deadlineMonth) > group.periodEnd) return undefined;
    const deadline = lastDayOfMonth(deadlineMonth);
    const next = chain[i + 1];
    const missing = next === undefined ? true : monthIndexOf(next) > deadlineMonth;
    if (missing && deadline <= horizon) return { kind: "gap", months, last: chain[i]!, deadline };
  }
  return undefined;
}

/** The name of the daily meetings tick, for running it once outside its schedule. */
export const MEETINGS_DAILY_TASK = "meetings.daily";

/**
 * The daily meetings tick: keeps every group planned a year ahead within its agreement period (withdrawing meetings
 * after the period's end), keeps reminders scheduled for the coming
 * meetings (also those planned from the command line), and warns the chair and coordinators once per gap when a
 * group has no meeting planned in time to keep its cadence (a cancelled meeting the planner does not refill).
 */
export function createMeetingsDailyTask(deps: MeetingsDeps): RecurringTask {
  return {
    name: MEETINGS_DAILY_TASK,
    cron: "0 6 * * *",
    run: async (now) => {
      const unusable = (groupId: string, error: unknown) =>
        deps.logger.error({ err: error, groupId }, "group's meeting settings do not load; it is not planned");
      for (const group of await listAllGroups(deps.db, unusable)) {
        try {
          await tendGroup(deps, group, now);
        } catch (error) {
          deps.logger.error({ err: error, groupId: group.id }, "meetings daily tick failed for a group; the others continue");
        }
      }
    },
  };
}

// One unit of work per group, under its planning lock: new meetings, their reminders and a warning commit together.
async function tendGroup(deps: MeetingsDeps, group: MeetingGroup, now: Date): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const today = localDateOf(now, group.timeZone);
    await withdrawMeetingsAfterPeriod(tx, group);
    if (today > group.periodEnd) return;
    const until = DateTime.fromISO(today).plus({ months: PLAN_MONTHS }).toISODate()!;
    await planGroupMeetings(tx.db, group, { from: today, until }, now, { reminders: tx.reminders });
    for (const meeting of await listMeetings(tx.db, group.id, now, DateTime.fromJSDate(now).plus({ days: REMINDER_DAYS }).toJSDate(), [
      "planned",
      "invited",
      "moved",
    ])) {
      await scheduleMeetingReminders(tx.reminders, meeting, group, now);
    }
    const gap = await findCadenceGap(tx, group, now);
    if (gap !== undefined) await warnOnce(tx, group, gap);
  });
}

// Once per gap, not once a day: the gap is named by the meeting before it and the month it must be closed by. The
// audit row says the warning was given; the warning is recorded in the same transaction.
async function warnOnce(deps: MeetingsDeps, group: MeetingGroup, gap: CadenceGap): Promise<void> {
  const key = gap.kind === "gap" ? `gap:${gap.last}:${gap.deadline}` : `term:${gap.from}`;
  const already = await deps.db
    .selectFrom("audit_events")
    .select("id")
    .where("action", "=", "meetings.cadence-warning")
    .where("subject_type", "=", "group")
    .where("subject_id", "=", group.id)
    .where(sql<string>`details->>'key'`, "=", key)
    .executeTakeFirst();
  if (already !== undefined) return;
  await deps.db
    .insertInto("audit_events")
    .values({
      partnership_id: group.partnershipId,
      actor_member_id: null,
      action: "meetings.cadence-warning",
      subject_type: "group",
      subject_id: group.id,
      details: JSON.stringify({ key, ...gap }),
      at: deps.clock.now(),
    })
    .execute();
  const suggested = await suggestDate(deps, group, gap, localDateOf(deps.clock.now(), group.timeZone));
  const compose = (audience: { locale: "sv" | "en"; timeZone: string }) => {
    const t = translatorFor(audience);
    const title = t("watchdog.title", { group: group.name });
    const body =
      gap.kind === "gap"
        ? t("watchdog.gap", { group: group.name, months: String(gap.months), last: gap.last, deadline: gap.deadline })
        : t("watchdog.term", { group: group.name, from: gap.from, to: gap.to });
    // The button opens the extra-meeting form, filled in with the group and a date that closes the gap.
    const button = { actionId: "meeting.new", label: t("button.newMeeting"), value: `${group.id}|${suggested ?? ""}`, style: "primary" as const };
    return {
      text: title,
      blocks: [
        { type: "heading" as const, text: title },
        { type: "text" as const, text: body },
        { type: "buttons" as const, buttons: [button] },
      ],
    };
  };
  await recordToGroup(deps, group, await watchers(deps, group), compose, { key: `meetings:${group.id}:cadence-warning:${key}`, channel: false });
}

// The date the planner itself would choose to close the gap (its first meeting from tomorrow to the deadline),
// other than a day a meeting in the gap was cancelled on: that day did not suit.
async function suggestDate(deps: MeetingsDeps, group: MeetingGroup, gap: CadenceGap, today: string): Promise<string | undefined> {
  const from = addDays(today, 1);
  const window =
    gap.kind === "gap"
      ? { from: from > gap.last ? from : addDays(gap.last, 1), until: gap.deadline, previous: gap.last }
      : { from: from > gap.from ? from : gap.from, until: gap.to };
  if (window.from > window.until) return undefined;
  const zone = group.timeZone;
  const cancelled = await listMeetings(
    deps.db,
    group.id,
    DateTime.fromISO(window.from, { zone }).toJSDate(),
    DateTime.fromISO(window.until, { zone }).endOf("day").toJSDate(),
    ["cancelled"],
  );
  const days = cancelled.map((m) => localDateOf(m.startsAt, zone).slice(5)).map((md) => ({ from: md, to: md, label: "cancelled" }));
  const settings = { ...group.meetings, blackouts: [...group.meetings.blackouts, ...days] };
  return planCadence({ settings, cadence: group.cadence, timeZone: zone, ...window }).meetings[0]?.date;
}

// The group's chair and the coordinators sitting in it; failing those, the partnership's coordinators.
async function watchers(deps: MeetingsDeps, group: MeetingGroup): Promise<string[]> {
  const seats = await listSeats(deps.db, group.id);
  const inGroup = seats.filter((s) => s.role === "chair" || s.roles.includes("coordinator")).map((s) => s.memberId);
  if (inGroup.length > 0) return inGroup;
  const rows = await deps.db
    .selectFrom("members")
    .select("id")
    .where("partnership_id", "=", group.partnershipId)
    .where("active", "=", true)
    .where("roles", "@>", ["coordinator"])
    .execute();
  return rows.map((r) => r.id);
}
