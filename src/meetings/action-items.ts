import type { ReminderHandler } from "../app/feature.ts";
import type { Member } from "../partnerships/partnership.ts";
import { hasAnyRole } from "../partnerships/partnership.ts";
import { getGroup, listSeats } from "./meeting-group.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { translatorFor } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { actionItemReminderKey, scheduleActionItemReminder } from "./save-minutes.ts";
import { addDays } from "./working-days.ts";

interface ActionItemRow {
  id: string;
  text: string;
  status: "open" | "done";
  owner_member_id: string;
  group_id: string;
  due_date: string;
  meeting_starts_at: Date;
}

async function findActionItem(deps: MeetingsDeps, id: string): Promise<ActionItemRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return deps.db
    .selectFrom("action_items as a")
    .innerJoin("meetings as m", "m.id", "a.meeting_id")
    .select(["a.id", "a.text", "a.status", "a.owner_member_id", "a.group_id", "a.due_date", "m.starts_at as meeting_starts_at"])
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** An open action item is brought up again this often after its due date, until it is done. */
const REPEAT_DAYS = 7;

/** Reminds an action item's owner on the due date and weekly after it, with a button to mark it done; nothing once done. */
export function createActionItemReminderHandler(deps: MeetingsDeps): ReminderHandler {
  return {
    kind: "action-item.due",
    run: async (reminder) => {
      const id = reminder.payload.actionItemId;
      const item = await findActionItem(deps, typeof id === "string" ? id : "");
      if (item === undefined || item.status === "done") return;
      const group = await getGroup(deps.db, item.group_id);
      await deps.notifier.toMember(item.owner_member_id, (audience) => {
        const t = translatorFor(audience);
        const title = t("actionDue.title", { due: item.due_date });
        return {
          text: title,
          blocks: [
            { type: "heading", text: title },
            { type: "text", text: t("actionDue.body", { text: item.text, group: group.name, date: localDateOf(item.meeting_starts_at, group.timeZone) }) },
            { type: "buttons", buttons: [{ actionId: "meeting.action-done", label: t("button.actionDone"), value: item.id, style: "primary" }] },
          ],
        };
      });
      // Rescheduling the running reminder's own key leaves it pending at the next date (the claim settles nothing).
      await scheduleActionItemReminder(deps.reminders, group, item.id, addDays(localDateOf(reminder.dueAt, group.timeZone), REPEAT_DAYS));
    },
  };
}

/** Marks an action item done (its owner, the group's chair or a coordinator); returns its text, or an error key. */
export async function completeActionItem(deps: MeetingsDeps, member: Member, actionItemId: string): Promise<{ ok: true; text: string } | { ok: false; error: "meeting.gone" | "actionDone.notOwner" }> {
  const item = await findActionItem(deps, actionItemId);
  if (item === undefined) return { ok: false, error: "meeting.gone" };
  const chair = (await listSeats(deps.db, item.group_id)).some((s) => s.memberId === member.id && s.role === "chair");
  if (item.owner_member_id !== member.id && !chair && !hasAnyRole(member, ["coordinator", "admin"])) return { ok: false, error: "actionDone.notOwner" };
  const now = deps.clock.now();
  await deps.db.updateTable("action_items").set({ status: "done", done_at: now }).where("id", "=", item.id).where("status", "=", "open").execute();
  await deps.reminders.cancel(actionItemReminderKey(item.id));
  return { ok: true, text: item.text };
}
