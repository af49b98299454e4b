import { calendarAttachment, recordToGroup } from "./group.notices.ts";
import { updateMeeting, type Meeting } from "./meeting.repository.ts";
import { seesRsvpComments } from "./meeting-access.ts";
import { invitationCard, liveInvitation } from "./meeting.cards.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";

/**
 * Records the invitation for the group's channel and each member, each copy with the calendar file, and marks the
 * meeting invited, inside the caller's unit of work. Every copy is one live card: an answer that comes before the
 * last copy is out is in it anyway, since each copy is drawn from the rows when it is sent.
 */
export async function sendInvitation(tx: MeetingsDeps, group: MeetingGroup, meeting: Meeting): Promise<void> {
  if (meeting.invitedAt !== null) return;
  const now = tx.clock.now();
  const seats = await listSeats(tx.db, group.id);
  const card = invitationCard(meeting.id);
  const options = { key: card, card, attachment: calendarAttachment(tx, group, meeting, now, seats) };
  // One card, two views: the chair's, the secretary's and the organisers' copies also show the comments to the answers.
  const organisers = seats.filter((s) => seesRsvpComments(s, group));
  const members = seats.filter((s) => !organisers.includes(s));
  await recordToGroup(
    tx,
    group,
    members.map((s) => s.memberId),
    liveInvitation(meeting.id),
    options,
  );
  await recordToGroup(
    tx,
    group,
    organisers.map((s) => s.memberId),
    liveInvitation(meeting.id, "organiser"),
    { ...options, channel: false },
  );
  await updateMeeting(tx.db, meeting.id, { status: "invited", invited_at: now }, now);
}

/** Asks for every copy of the invitation to be redrawn (tally, new time, cancelled); nothing before it is sent. */
export async function refreshInvitation(tx: MeetingsDeps, meeting: Meeting): Promise<void> {
  if (meeting.invitedAt !== null) await tx.notifier.refreshCard(invitationCard(meeting.id), meeting.partnershipId);
}
