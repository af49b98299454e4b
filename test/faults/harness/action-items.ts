/**
 * Many due reminders that each send one message: open action items of a held meeting, each with its
 * `action-item.due` reminder row (the rows `samverka` itself writes when minutes are saved), spread over the
 * fixture's twenty owners. Each reminder DMs its owner a message naming the item ("Åtgärd 017"), so the test
 * counts deliveries per reminder.
 */
import type { Db } from "../../../src/db/database.ts";
import type { SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { FIXTURE, isDirectTo } from "./cold-night-check.ts";

/** The inserted reminders: the label each one's message carries, and to whom it goes. */
export interface ActionItemReminders {
  items: { label: string; owner: string }[];
}

const label = (batch: string, n: number) => `Åtgärd ${batch}-${String(n).padStart(3, "0")}`;

/**
 * Inserts `count` open action items owned round-robin by the fixture's owners, each with a pending reminder row
 * due at `dueAt(i)`. `batch` keeps labels of several inserts apart.
 */
export async function insertActionItemReminders(db: Db, options: { count: number; batch: string; dueAt: (i: number) => Date }): Promise<ActionItemReminders> {
  const group = await db.selectFrom("groups").select(["id", "partnership_id"]).where("key", "=", "arbetsgrupp").executeTakeFirstOrThrow();
  const owners = await db
    .selectFrom("member_identities as i")
    .innerJoin("members as m", "m.id", "i.member_id")
    .select(["m.id", "i.platform_user_id"])
    .where("i.platform", "=", "slack")
    .where("i.platform_user_id", "in", [...FIXTURE.owners])
    .orderBy("i.platform_user_id")
    .execute();
  const startsAt = new Date(Date.now() - 7 * 86_400_000);
  const meeting = await db
    .insertInto("meetings")
    .values({
      partnership_id: group.partnership_id,
      group_id: group.id,
      status: "held",
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 3_600_000),
      planned_starts_at: startsAt,
      minutes_at: startsAt,
      updated_at: startsAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const items: ActionItemReminders["items"] = [];
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < options.count; i++) {
    const owner = owners[i % owners.length]!;
    const text = label(options.batch, i + 1);
    const item = await db
      .insertInto("action_items")
      .values({ partnership_id: group.partnership_id, group_id: group.id, meeting_id: meeting.id, text, owner_member_id: owner.id, due_date: today })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("reminders")
      .values({
        key: `action-item:${item.id}:due`,
        kind: "action-item.due",
        partnership_id: group.partnership_id,
        due_at: options.dueAt(i),
        payload: JSON.stringify({ actionItemId: item.id }),
        updated_at: new Date(),
      })
      .execute();
    items.push({ label: text, owner: owner.platform_user_id });
  }
  return { items };
}

/** How many times each reminder's message reached its owner. */
export function countReminderDeliveries(fake: SlackFakeApi, reminders: ActionItemReminders): Map<string, number> {
  const deliveries = fake.deliveries();
  return new Map(reminders.items.map((item) => [item.label, deliveries.filter((d) => isDirectTo(d, item.owner) && d.text.includes(item.label)).length]));
}

/** Figures of a reminder batch: delivered once, lost, doubled. */
export function reminderFigures(counts: Map<string, number>): {
  total: number;
  once: number;
  lost: number;
  doubled: number;
  lostLabels: string[];
  doubledLabels: string[];
} {
  const values = [...counts.entries()];
  return {
    total: values.length,
    once: values.filter(([, n]) => n === 1).length,
    lost: values.filter(([, n]) => n === 0).length,
    doubled: values.filter(([, n]) => n > 1).length,
    lostLabels: values.filter(([, n]) => n === 0).map(([l]) => l),
    doubledLabels: values.filter(([, n]) => n > 1).map(([l, n]) => `${l} ×${n}`),
  };
}
