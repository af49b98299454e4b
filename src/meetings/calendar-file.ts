import type { FileAttachment } from "../chat/index.ts";
import { renderIcs, type Attendee } from "./ics.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { GroupSeat, MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting.views.ts";

/** Used when the deployment names no organizer; `.invalid` is reserved, so no mail ever goes astray. */
const DEFAULT_ORGANIZER_EMAIL = "noreply@samverka.invalid";

/** The stable calendar UID of a meeting: the same for every version of its file, so clients update in place. */
function calendarUid(meetingId: string): string {
  return `meeting-${meetingId}@samverka`;
}

/**
 * Every seat of the group as an ATTENDEE: by their e-mail when the partnership file gives one, else by an address
 * under the reserved `.invalid` domain that names them (so the list shows who is invited and no mail goes astray).
 */
function attendeesOf(group: MeetingGroup, seats: readonly GroupSeat[]): Attendee[] {
  return seats.map((s) => ({
    name: s.displayName,
    email: s.email ?? `${s.key}@${group.partnershipId}.samverka.invalid`,
    role: s.role === "chair" ? "CHAIR" : "REQ-PARTICIPANT",
  }));
}

/**
 * The meeting's calendar file: REQUEST while it stands, CANCEL once cancelled; SEQUENCE is the meeting's; every
 * member an ATTENDEE. Answers are given in chat, so clients are asked to reply only when the organizer is a real
 * mailbox (SAMVERKA_CALENDAR_ORGANIZER set to one).
 */
export function calendarFile(
  group: MeetingGroup,
  meeting: Meeting,
  stamp: Date,
  seats: readonly GroupSeat[],
  organizerEmail = DEFAULT_ORGANIZER_EMAIL,
): FileAttachment {
  const t = translatorFor({ locale: group.locale, timeZone: group.timeZone });
  const cancelled = meeting.status === "cancelled";
  const ics = renderIcs({
    uid: calendarUid(meeting.id),
    sequence: meeting.sequence,
    method: cancelled ? "CANCEL" : "REQUEST",
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    timeZone: group.timeZone,
    summary: t("calendar.summary", { group: group.name, partnership: group.partnershipName }),
    ...(meeting.location === null ? {} : { location: meeting.location }),
    ...(meeting.reason === null ? {} : { description: meeting.reason }),
    organizer: { name: group.name, email: organizerEmail },
    attendees: attendeesOf(group, seats),
    rsvp: !organizerEmail.endsWith(".invalid"),
    stamp,
  });
  return {
    filename: `${group.key}-${meeting.startsAt.toISOString().slice(0, 10)}.ics`,
    mimeType: cancelled ? "text/calendar; method=CANCEL; charset=utf-8" : "text/calendar; method=REQUEST; charset=utf-8",
    content: Buffer.from(ics, "utf8"),
  };
}
