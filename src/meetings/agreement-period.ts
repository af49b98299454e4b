import { DateTime } from "luxon";
import { type Compose, textMessage } from "../chat/index.ts";
import { recordPeriodDecision, type PeriodDecision, type PeriodDecisionRefusal, type RecordedPeriodDecision } from "../partnerships/index.ts";
import { extensionKey, extensionDeadlineOf, stopExtensionReminders } from "../reports/index.ts";
import { cancelMeeting } from "./change-meeting.ts";
import { localDateOf } from "./local-dates.ts";
import { listMeetings, type Meeting } from "./meeting.repository.ts";
import { listGroups, type MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { planGroupMeetings } from "./plan-meetings.ts";
import { recordToPartnership } from "./group.notices.ts";

/** How far ahead meetings are kept planned (the daily tick uses the same). */
export const PLAN_MONTHS = 12;

/** Whether a meeting falls after the group's agreement period: it is then not invited, requested or reminded. */
export function isAfterPeriod(group: MeetingGroup, meeting: Pick<Meeting, "startsAt">): boolean {
  return localDateOf(meeting.startsAt, group.timeZone) > group.periodEnd;
}

/**
 * Cancels the group's meetings after the period's end (the file shortened it, or planning ran before a change);
 * invited members get the cancellation with its calendar file. Returns how many were withdrawn.
 */
export async function withdrawMeetingsAfterPeriod(deps: MeetingsDeps, group: MeetingGroup): Promise<number> {
  const after = DateTime.fromISO(group.periodEnd, { zone: group.timeZone }).plus({ days: 1 }).toJSDate();
  const meetings = await listMeetings(deps.db, group.id, after, DateTime.fromJSDate(after).plus({ years: 10 }).toJSDate(), ["planned", "invited", "moved"]);
  for (const meeting of meetings) await cancelMeeting(deps, group, meeting);
  if (meetings.length > 0)
    deps.logger.info({ groupId: group.id, count: meetings.length, periodEnd: group.periodEnd }, "meetings after the agreement period withdrawn");
  return meetings.length;
}

/** What recording a decision did. */
export interface PeriodOutcome {
  recorded: RecordedPeriodDecision;
  /** Meetings planned into the new period (extended). */
  planned: number;
  /** The meetings still to come before the end (ending), soonest first. */
  remaining: { group: MeetingGroup; meeting: Meeting }[];
}

/**
 * Records the styrgrupp's decision on the period and acts on it: the extension question's reminders stop and its
 * agenda item goes; an extension plans the new period's meetings, an ending withdraws any meeting after the end.
 * Everyone is told in the partnership's and groups' channels (or directly, where there are none). One unit of work:
 * the decision, the plan, the stopped reminders and the notice commit together.
 */
export async function decidePeriod(
  deps: MeetingsDeps,
  partnershipId: string,
  decision: PeriodDecision,
  by: { memberId: string; name: string },
): Promise<{ ok: true; outcome: PeriodOutcome } | ({ ok: false } & PeriodDecisionRefusal)> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const result = await recordPeriodDecision(tx.db, partnershipId, decision, { memberId: by.memberId, at: now });
    if (!result.ok) return result;
    const { recorded } = result;
    const monthDay = recorded.before.extension?.agreementDeadline ?? null;
    await stopExtensionReminders(tx.reminders, partnershipId, recorded.before.end, monthDay);
    if (monthDay !== null) {
      const key = extensionKey(partnershipId, extensionDeadlineOf(recorded.before.end, monthDay));
      await tx.db.deleteFrom("agenda_items").where("source_key", "=", key).where("covered_in_meeting_id", "is", null).execute();
    }
    const groups = await listGroups(tx.db, partnershipId);
    let planned = 0;
    const remaining: PeriodOutcome["remaining"] = [];
    for (const group of groups) {
      if (recorded.decision === "extended") {
        const today = localDateOf(now, group.timeZone);
        const until = DateTime.fromISO(today).plus({ months: PLAN_MONTHS }).toISODate()!;
        planned += (await planGroupMeetings(tx.db, group, { from: today, until }, now, { reminders: tx.reminders })).created.size;
      } else {
        await withdrawMeetingsAfterPeriod(tx, group);
        const end = DateTime.fromISO(group.periodEnd, { zone: group.timeZone }).endOf("day").toJSDate();
        for (const meeting of await listMeetings(tx.db, group.id, now, end, ["planned", "invited", "moved"])) remaining.push({ group, meeting });
      }
    }
    remaining.sort((a, b) => a.meeting.startsAt.getTime() - b.meeting.startsAt.getTime());
    const outcome: PeriodOutcome = { recorded, planned, remaining };
    const notice = composePeriodNotice(groups[0]?.partnershipName ?? partnershipId, outcome, by.name);
    await recordToPartnership(tx, partnershipId, groups, notice, { key: `period:${partnershipId}:${recorded.before.end}:${recorded.decision}` });
    return { ok: true as const, outcome };
  });
}

function composePeriodNotice(partnership: string, outcome: PeriodOutcome, by: string): Compose {
  return (audience) => {
    const t = translatorFor(audience);
    const { after } = outcome.recorded;
    if (outcome.recorded.decision === "extended") {
      const nextDeadline =
        after.extension !== null && after.extension.until > after.end && after.extension.agreementDeadline !== null
          ? extensionDeadlineOf(after.end, after.extension.agreementDeadline)
          : undefined;
      const title = t("period.extended.title", { partnership, end: after.end });
      return textMessage(
        title,
        t("period.extended.body", { by, end: after.end }),
        ...(nextDeadline === undefined ? [t("period.extended.last")] : [t("period.extended.next", { deadline: nextDeadline })]),
      );
    }
    const title = t("period.ending.title", { partnership, end: after.end });
    const lines = outcome.remaining.map((r) => t("list.line", { group: r.group.name, at: r.meeting.startsAt, status: t(`status.${r.meeting.status}`) }));
    return {
      text: title,
      blocks: [
        { type: "heading", text: title },
        { type: "text", text: t("period.ending.body", { by, end: after.end }) },
        ...(lines.length === 0
          ? [{ type: "text" as const, text: t("period.ending.noMeetings") }]
          : [
              { type: "text" as const, text: t("period.ending.remaining") },
              { type: "list" as const, items: lines },
            ]),
      ],
    };
  };
}
