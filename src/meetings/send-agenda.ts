import type { Meeting } from "./meeting.repository.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { agendaCard, liveAgenda } from "./meeting.cards.ts";
import { updateMeeting } from "./meeting.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { recordToGroup } from "./group.notices.ts";

/**
 * Records the agenda for the group's channel and, for a styrgrupp (or a group without a channel), for each member
 * directly, inside the caller's unit of work. Sent once; every copy is one live card, redrawn in place when an item
 * is added or the meeting moves.
 */
export async function sendAgenda(tx: MeetingsDeps, group: MeetingGroup, meeting: Meeting): Promise<void> {
  if (meeting.agendaSentAt !== null) return;
  const now = tx.clock.now();
  const members = (await listSeats(tx.db, group.id)).map((s) => s.memberId);
  const options = { key: agendaCard(meeting.id), card: agendaCard(meeting.id) };
  const copies = await recordToGroup(tx, group, group.kind === "styrgrupp" ? members : [], liveAgenda(meeting.id), options);
  if (copies === 0) await recordToGroup(tx, group, members, liveAgenda(meeting.id), { ...options, channel: false });
  await updateMeeting(tx.db, meeting.id, { agenda_sent_at: now }, now);
}

/** Asks for every copy of a sent agenda to be redrawn (an item added, the meeting moved); nothing before it is sent. */
export async function refreshAgenda(tx: MeetingsDeps, meeting: Meeting): Promise<void> {
  if (meeting.agendaSentAt !== null) await tx.notifier.refreshCard(agendaCard(meeting.id), meeting.partnershipId);
}
