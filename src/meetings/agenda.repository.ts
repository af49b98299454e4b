import type { Db } from "../db/database.ts";

/** An open agenda item as the agenda shows it. */
export interface AgendaItem {
  id: string;
  text: string;
  textEn: string | null;
  sourceKey: string | null;
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
    .values({
      group_id: item.groupId,
      proposed_for_meeting_id: item.meetingId,
      proposed_by_member_id: item.memberId,
      text: item.text,
      text_en: null,
      source_key: null,
    })
    .execute();
}

/** Stores an item another capability adds, once per group and key; returns whether it was new. */
export async function insertKeyedAgendaItem(db: Db, item: { groupId: string; meetingId: string; key: string; text: string; textEn: string }): Promise<boolean> {
  const inserted = await db
    .insertInto("agenda_items")
    .values({
      group_id: item.groupId,
      proposed_for_meeting_id: item.meetingId,
      proposed_by_member_id: null,
      text: item.text,
      text_en: item.textEn,
      source_key: item.key,
    })
    .onConflict((oc) => oc.columns(["group_id", "source_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
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
    .select(["a.id", "a.text", "a.text_en", "a.source_key", "p.display_name", "a.proposed_for_meeting_id"])
    .orderBy("m.starts_at")
    .orderBy("a.created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    textEn: r.text_en,
    sourceKey: r.source_key,
    proposedBy: r.display_name,
    carriedOver: r.proposed_for_meeting_id !== meeting.id,
  }));
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
