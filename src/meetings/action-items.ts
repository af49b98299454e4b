import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import type { Compose } from "../chat/index.ts";
import { runTogether, type DueReminder } from "../reminders/index.ts";
import { hasAnyRole, type Member } from "../partnerships/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import { isUuid } from "../shared/uuid.ts";
import { listSeats } from "./meeting-group.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { actionItemReminderPayload } from "./meetings.jobs.ts";
import { actionItemReminderKey, scheduleActionItemReminders } from "./save-minutes.ts";
import { addDays } from "./working-days.ts";

interface ActionItemRow {
  id: string;
  text: string;
  status: "open" | "done";
  owner_member_id: string;
  group_id: string;
  due_date: string;
  meeting_starts_at: Date;
  /** What the reminder needs of the group, read in the same query rather than a `getGroup` of its own. */
  group_name: string;
  group_active: boolean;
  partnership_id: string;
  time_zone: string;
}

/** The action items of `ids` that exist, by id, each with what its reminder needs of its group, in one query. */
async function findActionItems(db: MeetingsDeps["db"], ids: readonly string[]): Promise<Map<string, ActionItemRow>> {
  const wellFormed = ids.filter(isUuid);
  if (wellFormed.length === 0) return new Map();
  const rows = await db
    .selectFrom("action_items as a")
    .innerJoin("meetings as m", "m.id", "a.meeting_id")
    .innerJoin("groups as g", "g.id", "a.group_id")
    .innerJoin("partnerships as p", "p.id", "g.partnership_id")
    .select(["a.id", "a.text", "a.status", "a.owner_member_id", "a.group_id", "a.due_date", "m.starts_at as meeting_starts_at"])
    .select(["g.name as group_name", "g.active as group_active", "g.partnership_id", "p.time_zone"])
    .where("a.id", "in", wellFormed)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** An open action item is brought up again this often after its due date, until it is done. */
const REPEAT_DAYS = 7;

/** The due reminder of an item, in its owner's language, with a button to mark it done. */
function dueNotice(item: ActionItemRow): Compose {
  return (audience) => {
    const t = translatorFor(audience);
    const title = t("actionDue.title", { due: item.due_date });
    return {
      text: title,
      blocks: [
        { type: "heading", text: title },
        { type: "text", text: t("actionDue.body", { text: item.text, group: item.group_name, date: localDateOf(item.meeting_starts_at, item.time_zone) }) },
        { type: "buttons", buttons: [{ actionId: "meeting.action-done", label: t("button.actionDone"), value: item.id, style: "primary" }] },
      ],
    };
  };
}

/**
 * Reminds the owners of the open items among `due`, and schedules each item's reminder a week on: one read of the
 * items, one insert of the messages and one of the next reminders, whatever their number. Nothing for an item done.
 */
async function remindOwners(tx: MeetingsDeps, due: readonly DueReminder<{ actionItemId: string }>[]): Promise<void> {
  const items = await findActionItems(
    tx.db,
    due.map((d) => d.payload.actionItemId),
  );
  const open = due.flatMap(({ reminder, payload }) => {
    const item = items.get(payload.actionItemId);
    if (item === undefined || item.status === "done") return [];
    if (!item.group_active) throw new SamverkaError("not_found", `Group ${item.group_id} does not exist or is no longer active.`);
    return [{ item, day: localDateOf(reminder.dueAt, item.time_zone) }];
  });
  await tx.notifier.toMembers(
    open.map(({ item, day }) => ({ memberId: item.owner_member_id, content: dueNotice(item), options: { key: `action-item:${item.id}:due:${day}` } })),
  );
  // Rescheduling the running reminder's own key leaves it pending at the next date (the claim settles nothing).
  await scheduleActionItemReminders(
    tx.reminders,
    open.map(({ item, day }) => ({
      group: { timeZone: item.time_zone, partnershipId: item.partnership_id },
      actionItemId: item.id,
      dueDate: addDays(day, REPEAT_DAYS),
    })),
  );
}

/**
 * Reminds an action item's owner on the due date and weekly after it, with a button to mark it done; nothing once
 * done. The reminder and the next week's row are one unit of work, keyed by the day, so a repeated job sends nothing
 * twice. Reminders due together (a morning's worth) run as one unit of work; one that fails runs again alone.
 */
export function createActionItemReminderHandler(deps: MeetingsDeps): ReminderHandler {
  return defineReminder({
    kind: "action-item.due",
    payload: actionItemReminderPayload,
    run: runTogether((due) => inTransaction(deps, (tx) => remindOwners(tx, due)), deps.logger),
  });
}

/** Marks an action item done (its owner, the group's chair or a coordinator); returns its text, or an error key. */
export async function completeActionItem(
  deps: MeetingsDeps,
  member: Member,
  actionItemId: string,
): Promise<{ ok: true; text: string } | { ok: false; error: "meeting.gone" | "actionDone.notOwner" }> {
  const item = (await findActionItems(deps.db, [actionItemId])).get(actionItemId);
  if (item === undefined) return { ok: false, error: "meeting.gone" };
  const chair = (await listSeats(deps.db, item.group_id)).some((s) => s.memberId === member.id && s.role === "chair");
  if (item.owner_member_id !== member.id && !chair && !hasAnyRole(member, ["coordinator", "admin"])) return { ok: false, error: "actionDone.notOwner" };
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    await tx.db.updateTable("action_items").set({ status: "done", done_at: now }).where("id", "=", item.id).where("status", "=", "open").execute();
    await tx.reminders.cancel(actionItemReminderKey(item.id));
  });
  return { ok: true, text: item.text };
}
