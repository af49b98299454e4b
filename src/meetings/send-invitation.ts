import type { Compose, Delivery } from "../chat/notifier.ts";
import { calendarFile } from "./calendar-file.ts";
import { findMeeting, updateMeeting, type Meeting } from "./meeting.repository.ts";
import { listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { composeInvitation } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { rsvpsOf, tallyOf } from "./rsvp.repository.ts";

/**
 * Posts the invitation in the group's channel and sends it to each member, each with the calendar file.
 * One member who cannot be reached does not stop the others; the deliveries are kept for in-place updates.
 */
export async function sendInvitation(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting): Promise<void> {
  const now = deps.clock.now();
  const seats = await listSeats(deps.db, group.id);
  const compose = composeInvitation(group, meeting, tallyOf(seats, await rsvpsOf(deps.db, meeting.id)));
  const file = calendarFile(group, meeting, now, deps.calendarOrganizerEmail);
  // Each copy is recorded as soon as it is out: a member may answer before the last one is sent.
  const record = (deliveries: Delivery[]) => updateMeeting(deps.db, meeting.id, { invitation_deliveries: deliveries }, now);
  const deliveries = await deliverToGroup(deps, group, seats.map((s) => s.memberId), compose, { file, onDelivery: record });
  await updateMeeting(deps.db, meeting.id, { status: "invited", invited_at: now, invitation_deliveries: deliveries }, now);
  // Copies sent before an early answer show the tally they were composed with; bring them all up to date.
  if ((await rsvpsOf(deps.db, meeting.id)).size > 0) {
    const sent = await findMeeting(deps.db, meeting.id);
    if (sent !== undefined) await refreshInvitation(deps, group, sent);
  }
}

/** Redraws every copy of the invitation (tally, new time, cancelled) in place. */
export async function refreshInvitation(deps: MeetingsDeps, group: MeetingGroup, meeting: Meeting): Promise<void> {
  if (meeting.invitationDeliveries.length === 0) return;
  const seats = await listSeats(deps.db, group.id);
  await deps.notifier.update(meeting.invitationDeliveries, composeInvitation(group, meeting, tallyOf(seats, await rsvpsOf(deps.db, meeting.id))));
}

/**
 * Sends a message to the group's channel and directly to `memberIds` (with `file` attached when given).
 * Channel failures on every platform throw (retryable); a member who cannot be reached is logged and skipped.
 */
export async function deliverToGroup(
  deps: MeetingsDeps,
  group: MeetingGroup,
  memberIds: string[],
  compose: Compose,
  options: { file?: ReturnType<typeof calendarFile>; channel?: boolean; onDelivery?: (all: Delivery[]) => Promise<void> } = {},
): Promise<Delivery[]> {
  const log = deps.logger.child({ groupId: group.id });
  const deliveries: Delivery[] = [];
  if (options.channel !== false) {
    const filter = { purpose: "group" as const, groupId: group.id };
    deliveries.push(...(await deps.notifier.toChannels(group.partnershipId, filter, compose)));
    if (deliveries.length > 0) await options.onDelivery?.([...deliveries]);
    if (options.file !== undefined && deliveries.length > 0) await deps.notifier.fileToChannels(group.partnershipId, filter, options.file);
  }
  for (const memberId of memberIds) {
    try {
      const sent = await deps.notifier.toMember(memberId, compose);
      deliveries.push(...sent);
      if (sent.length > 0) await options.onDelivery?.([...deliveries]);
      if (options.file !== undefined && sent.length > 0) await deps.notifier.fileToMember(memberId, options.file);
    } catch (error) {
      log.warn({ err: error, memberId }, "could not reach a member; the others still get the message");
    }
  }
  return deliveries;
}
