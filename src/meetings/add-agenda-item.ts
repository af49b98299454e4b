import type { Db } from "../db/database.ts";
import { insertAgendaItem } from "./agenda.repository.ts";
import { findMeeting, lockMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, groupIdsOfMember, type MeetingGroup } from "./meeting-group.repository.ts";
import { agendaRequestTime, agendaSendTime } from "./reminder-times.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { AGENDA_FORM_ID } from "./meeting-form-definitions.ts";
import { refreshAgenda } from "./send-agenda.ts";

/** Where an agenda item's text is warned about (a name, a phone number): the command and the form are one place. */
export const AGENDA_TEXT_SCOPE = `${AGENDA_FORM_ID}/text`;

/** The meetings of the member's groups that take agenda items now (see `nextMeetingsOfGroups`), soonest first. */
export async function upcomingMeetingsOf(db: Db, memberId: string, now: Date): Promise<{ meeting: Meeting; group: MeetingGroup }[]> {
  return nextMeetingsOfGroups(db, await groupIdsOfMember(db, memberId), now);
}

/**
 * The meetings (not yet held or cancelled) of the groups that take agenda items now, soonest first. For each group:
 * the meetings whose agenda is being collected (the request has gone out, the agenda not yet), else its next meeting
 * (an item added after the agenda went out redraws it). So `agenda …` written under an extra meeting's request lands
 * on that meeting, not on an earlier one whose agenda is already out; two agendas collected at once are asked about.
 */
export async function nextMeetingsOfGroups(db: Db, groupIds: readonly string[], now: Date): Promise<{ meeting: Meeting; group: MeetingGroup }[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .selectFrom("meetings")
    .select(["id", "group_id", "starts_at"])
    .where("group_id", "in", groupIds)
    .where("status", "in", ["planned", "invited", "moved"])
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .execute();
  const byGroup = new Map<string, typeof rows>();
  for (const row of rows) byGroup.set(row.group_id, [...(byGroup.get(row.group_id) ?? []), row]);
  const groups = new Map<string, MeetingGroup>();
  const chosen = new Set<string>();
  for (const [groupId, meetings] of byGroup) {
    const group = await getGroup(db, groupId);
    groups.set(groupId, group);
    // Requests go out in meeting order, so the first meeting whose request is still ahead ends the search: the
    // years of planned meetings behind it are never looked at.
    const asked = [];
    for (const m of meetings) {
      if (agendaRequestTime({ startsAt: m.starts_at }, group) > now) break;
      asked.push(m);
    }
    const collecting = asked.filter((m) => agendaSendTime({ startsAt: m.starts_at }, group) > now);
    for (const m of collecting.length > 0 ? collecting : meetings.slice(0, 1)) chosen.add(m.id);
  }
  const result: { meeting: Meeting; group: MeetingGroup }[] = [];
  for (const row of rows.filter((r) => chosen.has(r.id))) {
    const meeting = await findMeeting(db, row.id);
    if (meeting !== undefined) result.push({ meeting, group: groups.get(row.group_id)! });
  }
  return result;
}

/**
 * Adds a member's item to a meeting's agenda; if the agenda was already sent, its copies are redrawn in place. The
 * meeting is locked so an agenda being sent at this moment either has the item or is redrawn with it.
 */
export async function addAgendaItem(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting, memberId: string, text: string): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const current = (await lockMeeting(tx.db, meeting.id)) ?? meeting;
    await insertAgendaItem(tx.db, { groupId: group.id, meetingId: meeting.id, memberId, text });
    await refreshAgenda(tx, current);
  });
}
