import { z } from "zod";
import type { Live } from "../chat/index.ts";
import type { Db } from "../db/database.ts";
import { defineRenderer, type OutboxRenderer } from "../outbox/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import { findMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { composeInvitation } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { rsvpCommentsOf, rsvpsOf, tallyOf } from "./rsvp.repository.ts";
import { composeAgenda } from "./agenda.view.ts";

const INVITATION_RENDERER = "meetings.invitation";
const AGENDA_RENDERER = "meetings.agenda";
const payload = z.object({ meetingId: z.uuid() });
/** `comments`: the copy of someone who sees the comments to the answers (chair, secretary, organisers). */
const invitationPayload = payload.extend({ comments: z.boolean().optional() });

/** Every copy of a meeting's invitation (channel and direct) shares this card id, so one refresh redraws them all. */
export function invitationCard(meetingId: string): string {
  return `meeting:${meetingId}:invitation`;
}

/** Every copy of a meeting's sent agenda shares this card id. */
export function agendaCard(meetingId: string): string {
  return `meeting:${meetingId}:agenda`;
}

/** The invitation as a live message: drawn from the rows (time, status, RSVP tally, comments) each time it is sent or refreshed. */
export function liveInvitation(meetingId: string, view: "member" | "organiser" = "member"): Live {
  return { render: INVITATION_RENDERER, payload: view === "organiser" ? { meetingId, comments: true } : { meetingId } };
}

/** The agenda as a live message: standing and proposed items as they stand when it is sent or refreshed. */
export function liveAgenda(meetingId: string): Live {
  return { render: AGENDA_RENDERER, payload: { meetingId } };
}

// A meeting or group that is gone leaves nothing to draw; the outbox then cancels the copy instead of retrying it.
async function loadMeeting(db: Db, meetingId: string): Promise<{ meeting: Meeting; group: MeetingGroup } | undefined> {
  const meeting = await findMeeting(db, meetingId);
  if (meeting === undefined) return undefined;
  try {
    return { meeting, group: await getGroup(db, meeting.groupId) };
  } catch (error) {
    if (error instanceof SamverkaError && error.code === "not_found") return undefined;
    throw error;
  }
}

/** The renderers of the meetings capability's live cards, reading the rows with the pool (never a transaction). */
export function createMeetingRenderers(deps: MeetingsDeps): OutboxRenderer[] {
  return [
    defineRenderer({
      name: INVITATION_RENDERER,
      payload: invitationPayload,
      async render({ meetingId, comments }, audience) {
        const loaded = await loadMeeting(deps.db, meetingId);
        if (loaded === undefined) return undefined;
        const seats = await listSeats(deps.db, loaded.group.id);
        const names = new Map(seats.map((s) => [s.memberId, s.displayName]));
        // Only the comments of the group's current members, like the tally.
        const named =
          comments === true
            ? (await rsvpCommentsOf(deps.db, meetingId)).flatMap((c) => (names.has(c.memberId) ? [{ ...c, name: names.get(c.memberId)! }] : []))
            : [];
        return composeInvitation(loaded.group, loaded.meeting, tallyOf(seats, await rsvpsOf(deps.db, meetingId)), named)(audience);
      },
    }),
    defineRenderer({
      name: AGENDA_RENDERER,
      payload,
      async render({ meetingId }, audience) {
        const loaded = await loadMeeting(deps.db, meetingId);
        if (loaded === undefined) return undefined;
        return (await composeAgenda(deps, loaded.group, loaded.meeting, [audience.locale]))(audience);
      },
    }),
  ];
}
