import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import { hasAnyRole, type Member } from "../partnerships/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import { listSeats } from "./meeting-group.repository.ts";
import { localDateOf } from "./local-dates.ts";
import { translatorFor } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { actionItemReminderPayload } from "./meetings.jobs.ts";
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
  /** What the reminder needs of the group, read in the same query rather than a `getGroup` of its own. */
  group_name: string;
  group_active: boolean;
  partnership_id: string;
  time_zone: string;
}

async function findActionItem(deps: MeetingsDeps, id: string): Promise<ActionItemRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return deps.db
    .selectFrom("action_items as a")
    .innerJoin("meetings as m", "m.id", "a.meeting_id")
    .innerJoin("groups as g", "g.id", "a.group_id")
    .innerJoin("partnerships as p", "p.id", "g.partnership_id")
    .select(["a.id", "a.text", "a.status", "a.owner_member_id", "a.group_id", "a.due_date", "m.starts_at as meeting_starts_at"])
    .select(["g.name as group_name", "g.active as group_active", "g.partnership_id", "p.time_zone"])
    .where("a.id", "=", id)
    .executeTakeFirst();
}

/** An open action item is brought up again this often after its due date, until it is done. */
const REPEAT_DAYS = 7;

/**
 * Reminds an action item's owner on the due date and weekly after it, with a button to mark it done; nothing once
 * done. The reminder and the next week's row are one unit of work, keyed by the day, so a repeated job sends nothing twice.
 */
export function createActionItemReminderHandler(deps: MeetingsDeps): ReminderHandler {
  return defineReminder({
    kind: "action-item.due",
    payload: actionItemReminderPayload,
    run: (reminder, { actionItemId }) =>
      inTransaction(deps, async (tx) => {
        const item = await findActionItem(tx, actionItemId);
        if (item === undefined || item.status === "done") return;
        if (!item.group_active) throw new SamverkaError("not_found", `Group ${item.group_id} does not exist or is no longer active.`);
        const group = { name: item.group_name, timeZone: item.time_zone, partnershipId: item.partnership_id };
        const day = localDateOf(reminder.dueAt, group.timeZone);
        const compose = (audience: { locale: "sv" | "en"; timeZone: string }) => {
          const t = translatorFor(audience);
          const title = t("actionDue.title", { due: item.due_date });
          return {
            text: title,
            blocks: [
              { type: "heading" as const, text: title },
              {
                type: "text" as const,
                text: t("actionDue.body", { text: item.text, group: group.name, date: localDateOf(item.meeting_starts_at, group.timeZone) }),
              },
              {
                type: "buttons" as const,
                buttons: [{ actionId: "meeting.action-done", label: t("button.actionDone"), value: item.id, style: "primary" as const }],
              },
            ],
          };
        };
        await tx.notifier.toMember(item.owner_member_id, compose, { key: `action-item:${item.id}:due:${day}` });
        // Rescheduling the running reminder's own key leaves it pending at the next date (the claim settles nothing).
        await scheduleActionItemReminder(tx.reminders, group, item.id, addDays(day, REPEAT_DAYS));
      }),
  });
}

/** Marks an action item done (its owner, the group's chair or a coordinator); returns its text, or an error key. */
export async function completeActionItem(
  deps: MeetingsDeps,
  member: Member,
  actionItemId: string,
): Promise<{ ok: true; text: string } | { ok: false; error: "meeting.gone" | "actionDone.notOwner" }> {
  const item = await findActionItem(deps, actionItemId);
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
