import type { ActionContext, CommandHandler, FormContext, RecurringTask } from "../app/feature.ts";
import { textMessage, type FormResult, type FormView, type Message } from "../chat/index.ts";
import { readAndWarn, renderFormView, warnOnceAboutPersonalDetails, type Answers } from "../forms/index.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { loadOpenMeeting, meetingFormFrame, type OpenMeeting } from "./meeting-access.ts";
import { readWritten, RSVP_COMMENT_FORM_ID, rsvpCommentDefinition } from "./meeting-form-definitions.ts";
import { replyText } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import { meetingMessages } from "./meetings.messages.ts";
import type { RsvpAnswer } from "./meetings.tables.ts";
import { clearRsvpCommentsBefore, latestAnsweredMeeting, rsvpOf, saveRsvpComment } from "./rsvp.repository.ts";
import { refreshInvitation } from "./send-invitation.ts";

/** A comment serves the planning of one meeting: this many days after the meeting it is forgotten, the answer kept. */
export const RSVP_COMMENT_RETENTION_DAYS = 30;

/** Where a comment's text is warned about (a name): the command and the form are one place. */
const COMMENT_SCOPE = `${RSVP_COMMENT_FORM_ID}/comment`;

/** The thanks for an answer, with how to add a comment: a button that opens the one-field form, or `kommentar …`. */
export function rsvpThanks(o: OpenMeeting, answer: RsvpAnswer): Message {
  const thanks = o.t("rsvp.thanks", { answer: o.t(`rsvp.${answer}`) });
  return {
    text: thanks,
    blocks: [
      { type: "text", text: thanks },
      { type: "text", text: o.t("rsvp.comment.ask") },
      { type: "buttons", buttons: [{ actionId: "meeting.rsvp-comment", label: o.t("rsvp.comment.button"), value: o.meeting.id }] },
    ],
  };
}

/** The one-field comment form, prefilled with the comment so far (or what was typed in a refused submission). */
export function rsvpCommentForm(o: OpenMeeting, locale: Locale, answers: Answers, errors?: Record<string, string>): FormView {
  const frame = meetingFormFrame(o, RSVP_COMMENT_FORM_ID, { title: "rsvp.comment.title", submit: "rsvp.comment.submit", intro: "invite.title" });
  return renderFormView(rsvpCommentDefinition(), answers, locale, frame, errors);
}

/** Stores the comment and redraws the invitation's copies (the comments show in the organisers'), as one unit of work. */
async function saveComment(deps: MeetingsDeps, o: OpenMeeting, memberId: string, comment: string): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const saved = await saveRsvpComment(tx.db, o.meeting.id, memberId, comment);
    if (saved) await refreshInvitation(tx, o.meeting);
    return saved;
  });
}

async function savedText(deps: MeetingsDeps, o: OpenMeeting, memberId: string): Promise<string> {
  const rsvp = await rsvpOf(deps.db, o.meeting.id, memberId);
  return o.t("rsvp.comment.saved", { answer: rsvp === undefined ? "" : o.t(`rsvp.${rsvp.answer}`), group: o.group.name, at: o.meeting.startsAt });
}

/** The button on the thanks: the form, when the member has answered (a move clears the answers). */
export async function openRsvpComment(deps: MeetingsDeps, ctx: ActionContext, o: OpenMeeting): Promise<void> {
  const rsvp = await rsvpOf(deps.db, o.meeting.id, ctx.actor.member.id);
  if (rsvp === undefined) return ctx.reply.whisper(textMessage(o.t("rsvp.comment.noAnswer")));
  await ctx.reply.openForm(rsvpCommentForm(o, ctx.actor.locale, rsvp.comment === null ? {} : { comment: rsvp.comment }));
}

/** The one-field form submitted: the engine's refusals, then a warning about a name, then stored. */
export async function submitRsvpComment(deps: MeetingsDeps, ctx: FormContext): Promise<FormResult> {
  const { actor } = ctx;
  const o = await loadOpenMeeting(deps, actor, ctx.event.state);
  const gone = (text: string): FormResult => ({ ok: false, errors: { "": text } });
  if (o === undefined) return gone(replyText(actor.locale, actor.partnership.timeZone, "meeting.gone").text);
  const place = { memberId: actor.member.id, formId: RSVP_COMMENT_FORM_ID };
  const reading = await readAndWarn(deps.db, place, rsvpCommentDefinition(), ctx.event.values, actor.locale, deps.clock.now());
  if (!reading.ok) return { ok: false, errors: reading.errors, form: rsvpCommentForm(o, actor.locale, reading.answers, reading.errors) };
  if (!(await saveComment(deps, o, actor.member.id, String(reading.answers.comment)))) return gone(o.t("rsvp.comment.noAnswer"));
  return { ok: true, message: textMessage(await savedText(deps, o, actor.member.id)) };
}

/**
 * `kommentar <text>`: a comment to the member's latest answer to a meeting still ahead, read with the form's field
 * (the same refusals and warning as the form); without text, the form.
 */
export function createCommentCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["kommentar"], en: ["comment"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.comment"),
    run: async ({ actor, args, reply }) => {
      const meetingId = await latestAnsweredMeeting(deps.db, actor.member.id, deps.clock.now());
      const o = meetingId === undefined ? undefined : await loadOpenMeeting(deps, actor, meetingId);
      if (o === undefined) return reply.whisper(replyText(actor.locale, actor.partnership.timeZone, "rsvp.comment.noAnswer"));
      if (args === "") {
        const rsvp = await rsvpOf(deps.db, o.meeting.id, actor.member.id);
        return reply.openForm(rsvpCommentForm(o, actor.locale, rsvp?.comment == null ? {} : { comment: rsvp.comment }));
      }
      const read = readWritten(rsvpCommentDefinition(), "comment", args, actor.locale);
      if (!read.ok) return reply.whisper(textMessage(read.error));
      const place = { memberId: actor.member.id, scope: COMMENT_SCOPE };
      const warning = await warnOnceAboutPersonalDetails(deps.db, place, read.text, actor.locale, deps.clock.now(), "conversation");
      if (warning !== undefined) return reply.whisper(textMessage(warning));
      if (!(await saveComment(deps, o, actor.member.id, read.text))) return reply.whisper(textMessage(o.t("rsvp.comment.noAnswer")));
      await reply.whisper(textMessage(await savedText(deps, o, actor.member.id)));
    },
  };
}

/**
 * Free text kept only as long as it serves (DOMAIN.md, Privacy): every night, the comments on answers to meetings
 * more than RSVP_COMMENT_RETENTION_DAYS past are cleared. Copies of the invitation already in chat keep what they showed.
 */
export function createRsvpCommentPurgeTask(deps: MeetingsDeps): RecurringTask {
  return {
    name: "meetings.purge-rsvp-comments",
    cron: "45 3 * * *",
    run: async (now) => {
      const cleared = await clearRsvpCommentsBefore(deps.db, new Date(now.getTime() - RSVP_COMMENT_RETENTION_DAYS * 86_400_000));
      if (cleared > 0) deps.logger.info({ cleared }, "RSVP comments past their retention cleared");
    },
  };
}
