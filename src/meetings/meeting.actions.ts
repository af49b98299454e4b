import type { ActionContext, ActionHandler } from "../app/feature.ts";
import { textMessage } from "../chat/index.ts";
import { completeActionItem } from "./action-items.ts";
import { upcomingMeetingsOf } from "./add-agenda-item.ts";
import { cancelMeeting, checkCadence, moveMeeting } from "./change-meeting.ts";
import { blockedText, breachText, canChangeMeetings, loadOpenMeeting, notAllowedText, type OpenMeeting } from "./meeting-access.ts";
import { localDateOf } from "./local-dates.ts";
import { agendaForm } from "./meeting.commands.ts";
import { replyText } from "./meeting.views.ts";
import { inTransaction, type MeetingsDeps } from "./meetings.deps.ts";
import type { RsvpAnswer } from "./meetings.tables.ts";
import { canWriteMinutes, minutesForm } from "./record-minutes.ts";
import { saveRsvp } from "./rsvp.repository.ts";
import { refreshInvitation } from "./send-invitation.ts";
import { moveForm } from "./meeting.forms.ts";
import { openRsvpComment, rsvpThanks } from "./rsvp-comment.ts";

type Handler = (deps: MeetingsDeps, ctx: ActionContext, value: string) => Promise<void>;

/** Loads the meeting of a button, answering "gone" or "not allowed" itself; undefined when it did. */
async function meetingFor(deps: MeetingsDeps, ctx: ActionContext, meetingId: string, need: "member" | "change" | "minutes"): Promise<OpenMeeting | undefined> {
  const { actor, reply } = ctx;
  const o = await loadOpenMeeting(deps, actor, meetingId, { allowHeld: need === "minutes" });
  const say = (key: Parameters<typeof replyText>[2]) => reply.whisper(replyText(actor.locale, actor.partnership.timeZone, key));
  if (o === undefined) return void (await say("meeting.gone"));
  if (need === "member" && !o.seats.some((s) => s.memberId === actor.member.id)) return void (await say("notInGroup"));
  if (need === "change" && !canChangeMeetings(actor.member, o.group, o.seats))
    return void (await reply.whisper(textMessage(notAllowedText(o.t, actor.locale, o.group))));
  if (need === "minutes" && !canWriteMinutes(actor.member, o.seats)) return void (await say("minutes.notAllowed"));
  if (need === "minutes" && o.meeting.minutesAt !== null) return void (await say("minutes.already"));
  return o;
}

const rsvp =
  (answer: RsvpAnswer): Handler =>
  async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "member");
    if (o === undefined) return;
    // The answer and the redraw of every copy of the invitation are one unit of work.
    await inTransaction(deps, async (tx) => {
      await saveRsvp(tx.db, o.meeting.id, ctx.actor.member.id, answer, tx.clock.now());
      await refreshInvitation(tx, o.meeting);
    });
    await ctx.reply.whisper(rsvpThanks(o, answer));
  };

const HANDLERS: Record<string, Handler> = {
  "meeting.rsvp.yes": rsvp("yes"),
  "meeting.rsvp.no": rsvp("no"),
  "meeting.rsvp.substitute": rsvp("substitute"),
  "meeting.rsvp-comment": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "member");
    if (o !== undefined) await openRsvpComment(deps, ctx, o);
  },
  "meeting.move": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "change");
    if (o !== undefined) await ctx.reply.openForm(moveForm(o, ctx.actor.locale));
  },
  "meeting.move-confirm": async (deps, ctx, value) => {
    const [meetingId = "", iso = ""] = value.split("|");
    const o = await meetingFor(deps, ctx, meetingId, "change");
    const newStart = new Date(iso);
    if (o === undefined || Number.isNaN(newStart.getTime())) return;
    // The confirmation may be clicked days later: the date must still be usable.
    const blocked = newStart <= deps.clock.now() ? o.t("move.past") : blockedText(o, localDateOf(newStart, o.group.timeZone));
    if (blocked !== undefined) return ctx.reply.updateSource(textMessage(blocked));
    const moved = await moveMeeting(deps, o.group, o.meeting, newStart);
    await ctx.reply.updateSource(textMessage(o.t("move.done", { group: o.group.name, at: moved.startsAt })));
  },
  "meeting.cancel": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "change");
    if (o === undefined) return;
    const breach = await checkCadence(deps.db, o.group, o.meeting, null);
    const question = o.t("cancel.confirm", { group: o.group.name, at: o.meeting.startsAt });
    await ctx.reply.whisper({
      text: question,
      blocks: [
        { type: "text", text: question },
        ...(breach === undefined ? [] : [{ type: "text" as const, text: breachText(o, breach) }]),
        {
          type: "buttons",
          buttons: [
            {
              actionId: "meeting.cancel-confirm",
              label: o.t(breach === undefined ? "button.confirmCancel" : "button.cancelAnyway"),
              value: o.meeting.id,
              style: "danger",
            },
            { actionId: "meeting.keep", label: o.t("button.keep"), value: o.meeting.id },
          ],
        },
      ],
    });
  },
  "meeting.cancel-confirm": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "change");
    if (o === undefined) return;
    await cancelMeeting(deps, o.group, o.meeting);
    await ctx.reply.updateSource(textMessage(o.t("cancel.done", { group: o.group.name, at: o.meeting.startsAt })));
  },
  "meeting.keep": async (_deps, ctx) => {
    await ctx.reply.updateSource(replyText(ctx.actor.locale, ctx.actor.partnership.timeZone, "nothingChanged"));
  },
  "meeting.agenda-add": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "member");
    if (o === undefined) return;
    const upcoming = (await upcomingMeetingsOf(deps.db, ctx.actor.member.id, deps.clock.now())).filter((u) => u.meeting.id === o.meeting.id);
    await ctx.reply.openForm(agendaForm(upcoming.length === 1 ? upcoming : [{ meeting: o.meeting, group: o.group }], ctx.actor.locale, o.group.timeZone));
  },
  "meeting.minutes": async (deps, ctx, meetingId) => {
    const o = await meetingFor(deps, ctx, meetingId, "minutes");
    if (o !== undefined) await ctx.reply.openForm(await minutesForm(deps, o.group, o.meeting, o.t, ctx.actor.locale));
  },
  "meeting.action-done": async (deps, ctx, actionItemId) => {
    const result = await completeActionItem(deps, ctx.actor.member, actionItemId);
    const zone = ctx.actor.partnership.timeZone;
    if (!result.ok) return ctx.reply.whisper(replyText(ctx.actor.locale, zone, result.error));
    await ctx.reply.updateSource(replyText(ctx.actor.locale, zone, "actionDone.done", { text: result.text }));
  },
};

/** Every `meeting.` button. */
export function createMeetingActions(deps: MeetingsDeps): ActionHandler {
  return {
    prefix: "meeting.",
    run: async (ctx) => {
      const handler = HANDLERS[ctx.event.actionId];
      if (handler === undefined) {
        deps.logger.warn({ actionId: ctx.event.actionId }, "unknown meetings action");
        return;
      }
      await handler(deps, ctx, ctx.event.value);
    },
  };
}
