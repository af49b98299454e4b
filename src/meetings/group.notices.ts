import type { Content, FileAttachment } from "../chat/index.ts";
import { calendarFile } from "./calendar-file.ts";
import type { Meeting } from "./meeting.repository.ts";
import { listSeats, type GroupSeat, type MeetingGroup } from "./meeting-group.repository.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";

/** How a message goes to a group: its key, the card its copies form, a file to attach, and whether the channel gets it. */
interface GroupNoticeOptions {
  /** Names what the message is (`meeting:<id>:minutes`); the notifier adds the recipient. */
  key: string;
  card?: string;
  attachment?: { file: FileAttachment; key: string };
  /** Post in the group's channel too (default true). */
  channel?: boolean;
}

/** The key of a notice about one version of a meeting: after a move (a new SEQUENCE) the same notice is due again. */
export function meetingNoticeKey(meeting: Pick<Meeting, "id" | "sequence">, what: string): string {
  return `meeting:${meeting.id}:${what}:${meeting.sequence}`;
}

/** The meeting's calendar file for this version of it (every seat an attendee), with its key. */
export function calendarAttachment(
  deps: MeetingsDeps,
  group: MeetingGroup,
  meeting: Meeting,
  now: Date,
  seats: readonly GroupSeat[],
): { file: FileAttachment; key: string } {
  return { file: calendarFile(group, meeting, now, seats, deps.calendarOrganizerEmail), key: meetingNoticeKey(meeting, "calendar") };
}

/**
 * Records a message for the group's channel and for each of `memberIds` directly, with the attachment wherever the
 * message goes. Nothing is sent here: the rows join the caller's transaction and the outbox delivers them. Returns
 * how many copies were recorded (a member with no identity on a configured platform gets none).
 */
export async function recordToGroup(
  deps: MeetingsDeps,
  group: MeetingGroup,
  memberIds: readonly string[],
  content: Content,
  options: GroupNoticeOptions,
): Promise<number> {
  const { notifier } = deps;
  const send = { key: options.key, ...(options.card === undefined ? {} : { card: options.card }) };
  let copies = 0;
  if (options.channel !== false) {
    const filter = { purpose: "group" as const, groupId: group.id };
    const posted = await notifier.toChannels(group.partnershipId, filter, content, send);
    if (posted > 0 && options.attachment !== undefined)
      await notifier.fileToChannels(group.partnershipId, filter, options.attachment.file, { key: options.attachment.key });
    copies += posted;
  }
  for (const memberId of memberIds) {
    const sent = await notifier.toMember(memberId, content, send);
    if (sent > 0 && options.attachment !== undefined) await notifier.fileToMember(memberId, options.attachment.file, { key: options.attachment.key });
    copies += sent;
  }
  return copies;
}

/**
 * Records a message for the whole partnership: its partnership channels and every group's channel; where it has no
 * channel at all, for each member of the groups directly. Joins the caller's unit of work like `recordToGroup`.
 */
export async function recordToPartnership(
  deps: MeetingsDeps,
  partnershipId: string,
  groups: readonly MeetingGroup[],
  content: Content,
  options: { key: string },
): Promise<number> {
  let posted = await deps.notifier.toChannels(partnershipId, { purpose: "partnership" }, content, options);
  for (const group of groups) posted += await deps.notifier.toChannels(partnershipId, { purpose: "group", groupId: group.id }, content, options);
  if (posted > 0) return posted;
  const memberIds = new Set<string>();
  for (const group of groups) for (const seat of await listSeats(deps.db, group.id)) memberIds.add(seat.memberId);
  for (const memberId of memberIds) posted += await deps.notifier.toMember(memberId, content, options);
  return posted;
}
