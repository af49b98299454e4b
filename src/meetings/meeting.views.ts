import type { Block, Button, Compose, Message } from "../chat/index.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import type { Meeting } from "./meeting.repository.ts";
import type { MeetingGroup } from "./meeting-group.repository.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import type { RsvpAnswer } from "./meetings.tables.ts";

/** A translator for the meetings catalogue in the audience's language and zone. */
export function translatorFor(audience: { locale: Locale; timeZone: string }): Translate<MeetingMessageKey> {
  return createTranslator(meetingMessages, audience.locale, audience.timeZone);
}

/** Answers so far, and how many members have not answered. */
export interface RsvpTally {
  yes: number;
  no: number;
  substitute: number;
  none: number;
}

/** The facts every meeting message shows: group, partnership, date with week, time span. */
export function meetingFacts(t: Translate<MeetingMessageKey>, audience: { locale: Locale; timeZone: string }, group: MeetingGroup, meeting: Meeting): Block {
  const f = createFormatters(audience.locale, audience.timeZone);
  return {
    type: "facts",
    facts: [
      { label: t("fact.group"), value: group.name },
      { label: t("fact.partnership"), value: group.partnershipName },
      { label: t("fact.date"), value: `${f.weekday(meeting.startsAt)} ${f.date(meeting.startsAt)} (${f.week(meeting.startsAt)})` },
      { label: t("fact.time"), value: `${f.time(meeting.startsAt)}–${f.time(meeting.endsAt).replace(/^kl\. /, "")}` },
      ...(meeting.location === null ? [] : [{ label: t("fact.location"), value: meeting.location }]),
    ],
  };
}

const ANSWERS: readonly RsvpAnswer[] = ["yes", "no", "substitute"];

/** A comment to an answer, named, as the chair, the secretary and the organisers read it. */
export interface NamedRsvpComment {
  name: string;
  answer: RsvpAnswer;
  comment: string;
}

/**
 * The invitation with the live tally and the RSVP buttons (none once the meeting is cancelled or held); `comments`
 * only in the copies of those who see them.
 */
export function composeInvitation(group: MeetingGroup, meeting: Meeting, tally: RsvpTally, comments: readonly NamedRsvpComment[] = []): Compose {
  return (audience) => {
    const t = translatorFor(audience);
    const params = { group: group.name, at: meeting.startsAt };
    const open = meeting.status !== "cancelled" && meeting.status !== "held";
    const title = meeting.status === "cancelled" ? t("cancelled.title", params) : t("invite.title", params);
    const buttons: Button[] = ANSWERS.map((a) => ({
      actionId: `meeting.rsvp.${a}`,
      label: t(`rsvp.${a}`),
      value: meeting.id,
      ...(a === "yes" ? { style: "primary" as const } : {}),
    }));
    const blocks: Block[] = [
      { type: "heading", text: title },
      ...(meeting.status === "cancelled" ? [] : [{ type: "text" as const, text: t("invite.body") }]),
      meetingFacts(t, audience, group, meeting),
      ...(meeting.reason === null
        ? []
        : [{ type: "text" as const, text: t(meeting.origin === "poll" ? "invite.pollReason" : "invite.extraReason", { reason: meeting.reason }) }]),
      { type: "text", text: t("invite.tally", { ...tally }) },
      ...(comments.length === 0
        ? []
        : [
            { type: "text" as const, text: t("rsvp.comments") },
            { type: "list" as const, items: comments.map((c) => t("rsvp.comment.line", { name: c.name, answer: t(`rsvp.${c.answer}`), comment: c.comment })) },
          ]),
      ...(open ? [{ type: "buttons" as const, buttons }] : []),
    ];
    return { text: title, blocks };
  };
}

/** A short notice (moved, cancelled, reminders) with the meeting's facts. */
export function composeNotice(
  group: MeetingGroup,
  meeting: Meeting,
  title: MeetingMessageKey,
  body?: MeetingMessageKey,
  extra: Record<string, Date | string> = {},
): Compose {
  return (audience) => {
    const t = translatorFor(audience);
    const params = { group: group.name, at: meeting.startsAt, ...extra };
    const heading = t(title, params);
    const blocks: Block[] = [
      { type: "heading", text: heading },
      ...(body === undefined ? [] : [{ type: "text" as const, text: t(body, params) }]),
      meetingFacts(t, audience, group, meeting),
    ];
    return { text: heading, blocks };
  };
}

/** A notice with one button, e.g. "add agenda item" or "write minutes". */
export function composeNoticeWithButton(
  group: MeetingGroup,
  meeting: Meeting,
  title: MeetingMessageKey,
  body: MeetingMessageKey,
  button: { actionId: string; label: MeetingMessageKey; value: string },
  extra: Record<string, Date | string> = {},
): Compose {
  return (audience) => {
    const message = composeNotice(group, meeting, title, body, extra)(audience);
    const t = translatorFor(audience);
    return {
      ...message,
      blocks: [...message.blocks, { type: "buttons", buttons: [{ actionId: button.actionId, label: t(button.label), value: button.value, style: "primary" }] }],
    };
  };
}

/** A one-line answer in the member's language. */
export function replyText(locale: Locale, timeZone: string, key: MeetingMessageKey, params: Record<string, string | number | Date> = {}): Message {
  const text = translatorFor({ locale, timeZone })(key, params);
  return { text, blocks: [{ type: "text", text }] };
}
