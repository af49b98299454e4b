import type { FileAttachment } from "../chat/message.ts";
import { renderIcs } from "./ics.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { translatorFor } from "./meeting-views.ts";

/** Used when the deployment names no organizer; `.invalid` is reserved, so no mail ever goes astray. */
const DEFAULT_ORGANIZER_EMAIL = "noreply@samverka.invalid";

/** The stable calendar UID of a meeting: the same for every version of its file, so clients update in place. */
function calendarUid(meetingId: string): string {
  return `meeting-${meetingId}@samverka`;
}

/** The meeting's calendar file: REQUEST while it stands, CANCEL once cancelled; SEQUENCE is the meeting's. */
export function calendarFile(group: MeetingGroup, meeting: Meeting, stamp: Date, organizerEmail = DEFAULT_ORGANIZER_EMAIL): FileAttachment {
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
    organizer: { name: group.name, email: organizerEmail },
    stamp,
  });
  return {
    filename: `${group.key}-${meeting.startsAt.toISOString().slice(0, 10)}.ics`,
    mimeType: cancelled ? "text/calendar; method=CANCEL; charset=utf-8" : "text/calendar; method=REQUEST; charset=utf-8",
    content: Buffer.from(ics, "utf8"),
  };
}
