import type { Db } from "../db/database.ts";

/** An open agenda item as the agenda shows it. */
export interface AgendaItem {
  id: string;
  text: string;
  proposedBy: string | null;
  /** Proposed for an earlier meeting and not covered there. */
  carriedOver: boolean;
}

/** An open action item with its owner's name. */
export interface OpenActionItem {
  id: string;
  text: string;
  owner: string;
  dueDate: string;
}

/** Stores an agenda item proposed for a meeting. */
export async function insertAgendaItem(db: Db, item: { groupId: string; meetingId: string; memberId: string | null; text: string }): Promise<void> {
  await db
    .insertInto("agenda_items")
    .values({ group_id: item.groupId, proposed_for_meeting_id: item.meetingId, proposed_by_member_id: item.memberId, text: item.text })
    .execute();
}

/** The items not yet covered that belong on a meeting's agenda: its own and those carried over from earlier meetings. */
export async function openAgendaItems(db: Db, groupId: string, meeting: { id: string; startsAt: Date }): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom("agenda_items as a")
    .innerJoin("meetings as m", "m.id", "a.proposed_for_meeting_id")
    .leftJoin("members as p", "p.id", "a.proposed_by_member_id")
    .where("a.group_id", "=", groupId)
    .where("a.covered_in_meeting_id", "is", null)
    .where((eb) => eb.or([eb("m.id", "=", meeting.id), eb("m.starts_at", "<", meeting.startsAt)]))
    .select(["a.id", "a.text", "p.display_name", "a.proposed_for_meeting_id"])
    .orderBy("m.starts_at")
    .orderBy("a.created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, proposedBy: r.display_name, carriedOver: r.proposed_for_meeting_id !== meeting.id }));
}

/** The group's open action items, earliest due first. */
export async function openActionItems(db: Db, groupId: string): Promise<OpenActionItem[]> {
  const rows = await db
    .selectFrom("action_items as a")
    .innerJoin("members as m", "m.id", "a.owner_member_id")
    .where("a.group_id", "=", groupId)
    .where("a.status", "=", "open")
    .select(["a.id", "a.text", "m.display_name", "a.due_date"])
    .orderBy("a.due_date")
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, owner: r.display_name, dueDate: r.due_date }));
}
