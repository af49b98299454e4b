import { DateTime } from "luxon";
import type { Block, Compose } from "../chat/index.ts";
import type { Reminders } from "../reminders/reminder.ts";
import { type Meeting } from "./meeting.repository.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { cancelMeetingReminders } from "./reminder-times.ts";
import { meetingFacts, translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import type { Minutes } from "./record-minutes.ts";
import { recordToGroup } from "./group.notices.ts";

/** Action items are due at this local time on their due date. */
const ACTION_DUE_TIME = { hour: 9, minute: 0 };

/** The reminder key of an action item. */
export function actionItemReminderKey(actionItemId: string): string {
  return `action-item:${actionItemId}:due`;
}

/**
 * Stores the minutes as one unit of work: decisions, action items and covered agenda items; the meeting becomes
 * held, its remaining reminders stop, each action item gets its reminder and the minutes are recorded for the group.
 * Returns false when the meeting already had minutes (a repeated submission changes nothing).
 */
export async function saveMinutes(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting, minutes: Minutes, by: string | null = null): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    const claimed = await tx.db
      .updateTable("meetings")
      .set({ status: "held", minutes_at: now, updated_at: now })
      .where("id", "=", meeting.id)
      .where("minutes_at", "is", null)
      .where("status", "!=", "cancelled")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    if (minutes.decisions.length > 0) {
      await tx.db
        .insertInto("meeting_decisions")
        .values(minutes.decisions.map((text, position) => ({ meeting_id: meeting.id, position, text })))
        .execute();
    }
    // Version 1 of the minutes: an amendment later adds version 2 and keeps this one.
    await tx.db
      .insertInto("minutes_versions")
      .values({ meeting_id: meeting.id, version: 1, decisions: JSON.stringify(minutes.decisions), note: null, recorded_by_member_id: by, recorded_at: now })
      .execute();
    if (minutes.coveredItemIds.length > 0) {
      await tx.db
        .updateTable("agenda_items")
        .set({ covered_in_meeting_id: meeting.id })
        .where("group_id", "=", group.id)
        .where("id", "in", minutes.coveredItemIds)
        .execute();
    }
    const created =
      minutes.actions.length === 0
        ? []
        : await tx.db
            .insertInto("action_items")
            .values(
              minutes.actions.map((a) => ({
                partnership_id: group.partnershipId,
                group_id: group.id,
                meeting_id: meeting.id,
                text: a.text,
                owner_member_id: a.ownerMemberId,
                due_date: a.dueDate,
              })),
            )
            .returning(["id", "due_date"])
            .execute();
    await cancelMeetingReminders(tx.reminders, meeting.id);
    await scheduleActionItemReminders(
      tx.reminders,
      created.map((item) => ({ group, actionItemId: item.id, dueDate: item.due_date })),
    );
    const seats = await listSeats(tx.db, group.id);
    const compose = composeMinutes(group, { ...meeting, status: "held" }, minutes, new Map(seats.map((s) => [s.memberId, s.displayName])));
    await recordToGroup(tx, group, group.kind === "styrgrupp" ? seats.map((s) => s.memberId) : [], compose, { key: `meeting:${meeting.id}:minutes` });
    return true;
  });
}

/** An action item's due-date reminder to schedule: 09.00 local on `dueDate` in its group's time zone. */
export interface ActionItemDue {
  group: Pick<MeetingGroup, "timeZone" | "partnershipId">;
  actionItemId: string;
  dueDate: string;
}

/** Schedules the due-date reminders of action items, all in one go. */
export async function scheduleActionItemReminders(reminders: Reminders, items: readonly ActionItemDue[]): Promise<void> {
  if (items.length === 0) return;
  await reminders.scheduleMany(
    items.map(({ group, actionItemId, dueDate }) => ({
      key: actionItemReminderKey(actionItemId),
      kind: "action-item.due",
      partnershipId: group.partnershipId,
      dueAt: DateTime.fromISO(dueDate, { zone: group.timeZone }).set(ACTION_DUE_TIME).toJSDate(),
      payload: { actionItemId },
    })),
  );
}

function composeMinutes(group: MeetingGroup, meeting: Meeting, minutes: Minutes, names: Map<string, string>): Compose {
  return (audience) => {
    const t = translatorFor(audience);
    const title = t("minutes.title", { group: group.name, at: meeting.startsAt });
    const blocks: Block[] = [
      { type: "heading", text: title },
      meetingFacts(t, audience, group, meeting),
      { type: "heading", text: t("minutes.decisions") },
      minutes.decisions.length === 0 ? { type: "text", text: t("minutes.noDecisions") } : { type: "list", items: minutes.decisions },
      ...(minutes.actions.length === 0
        ? []
        : [
            { type: "heading" as const, text: t("minutes.actions") },
            {
              type: "list" as const,
              items: minutes.actions.map((a) => t("standing.action", { text: a.text, owner: names.get(a.ownerMemberId) ?? "?", due: a.dueDate, overdue: 0 })),
            },
          ]),
    ];
    return { text: title, blocks };
  };
}
