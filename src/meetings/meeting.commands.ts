import type { CommandContext, CommandHandler } from "../app/feature.ts";
import { type Block, type FormView, textMessage } from "../chat/index.ts";
import { renderFormView, warnOnceAboutPersonalDetails, type Answers } from "../forms/index.ts";
import { addAgendaItem, nextMeetingsOfGroups, upcomingMeetingsOf, AGENDA_TEXT_SCOPE } from "./add-agenda-item.ts";
import { AGENDA_FORM_ID, agendaDefinition, readWritten } from "./meeting-form-definitions.ts";
import { groupOfConversation } from "./conversation-group.ts";
import { whyThisDay } from "./meeting-day-reason.ts";
import { findMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { replyText, translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { createTranslator, type Locale } from "../shared/i18n.ts";
import { meetingMessages } from "./meetings.messages.ts";

/** How many upcoming meetings `möten` lists. */
const LIST_LIMIT = 8;

/**
 * `möten`: the next meetings of the member's groups, or in a group's channel of that group, each with why it is not
 * on the usual day and with move/cancel buttons for those who may change it.
 */
export function createListCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["möten", "moten"], en: ["meetings"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.meetings"),
    run: async ({ event, actor, reply }) => {
      const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const channelGroup = await groupOfConversation(deps, actor, event);
      const query = deps.db
        .selectFrom("meetings as m")
        .select(["m.id"])
        .where("m.status", "in", ["planned", "invited", "moved"])
        .where("m.starts_at", ">", deps.clock.now());
      const scoped =
        channelGroup === undefined
          ? query.where("m.group_id", "in", (eb) => eb.selectFrom("group_members").select("group_id").where("member_id", "=", actor.member.id))
          : query.where("m.group_id", "=", channelGroup.id);
      const rows = await scoped.orderBy("m.starts_at").limit(LIST_LIMIT).execute();
      if (rows.length === 0) {
        await reply.whisper(textMessage(channelGroup === undefined ? t("list.empty") : t("list.emptyOf", { group: channelGroup.name })));
        return;
      }
      const title = channelGroup === undefined ? t("list.title") : t("list.titleOf", { group: channelGroup.name });
      const blocks: Block[] = [{ type: "heading", text: title }];
      for (const row of rows) {
        const meeting = (await findMeeting(deps.db, row.id))!;
        const group = await getGroup(deps.db, meeting.groupId);
        blocks.push({ type: "text", text: t("list.line", { group: group.name, at: meeting.startsAt, status: t(`status.${meeting.status}`) }) });
        const why = whyThisDay(t, group, meeting);
        if (why !== undefined) blocks.push({ type: "text", text: why });
        if (canChangeMeetings(actor.member, group, await listSeats(deps.db, group.id))) {
          blocks.push({
            type: "buttons",
            buttons: [
              { actionId: "meeting.move", label: t("button.move"), value: meeting.id },
              { actionId: "meeting.cancel", label: t("button.cancel"), value: meeting.id, style: "danger" },
            ],
          });
        }
      }
      await reply.whisper({ text: title, blocks });
    },
  };
}

/** The agenda form; with several upcoming meetings the member picks one. `answers`: what was typed, e.g. by command or in a refused submission. */
export function agendaForm(
  choices: { meeting: Meeting; group: MeetingGroup }[],
  locale: Locale,
  timeZone: string,
  answers: Answers = {},
  errors?: Record<string, string>,
): FormView {
  const t = translatorFor({ locale, timeZone });
  const single = choices.length === 1 ? choices[0]! : undefined;
  const frame = {
    formId: AGENDA_FORM_ID,
    title: t("agenda.form.title"),
    submitLabel: t("agenda.form.submit"),
    state: single?.meeting.id ?? "",
    ...(single === undefined ? {} : { intro: t("agenda.title", { group: single.group.name, at: single.meeting.startsAt }) }),
  };
  return renderFormView(agendaDefinition(choices, timeZone), answers, locale, frame, errors);
}

/**
 * `agenda <text>` adds an item to the next meeting of a group: the group whose channel it was written in, else the
 * member's only group; with several groups, or no text, a form asks.
 */
export function createAgendaCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["agenda", "dagordning"], en: ["agenda"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.agenda"),
    run: async ({ event, actor, args, reply }: CommandContext) => {
      const zone = actor.partnership.timeZone;
      const channelGroup = await groupOfConversation(deps, actor, event);
      if (channelGroup !== undefined && !(await listSeats(deps.db, channelGroup.id)).some((s) => s.memberId === actor.member.id)) {
        await reply.whisper(replyText(actor.locale, zone, "agenda.notInGroupOf", { group: channelGroup.name }));
        return;
      }
      const now = deps.clock.now();
      const upcoming =
        channelGroup === undefined ? await upcomingMeetingsOf(deps.db, actor.member.id, now) : await nextMeetingsOfGroups(deps.db, [channelGroup.id], now);
      if (upcoming.length === 0) {
        await reply.whisper(
          channelGroup === undefined
            ? replyText(actor.locale, zone, "agenda.noMeeting")
            : replyText(actor.locale, zone, "agenda.noMeetingOf", { group: channelGroup.name }),
        );
        return;
      }
      if (args !== "") {
        // The same field as the form's: the same refusal of a personnummer or a too long item.
        const read = readWritten(agendaDefinition(), "text", args, actor.locale);
        if (!read.ok) return reply.whisper(textMessage(read.error));
        const warning = await warnOnceAboutPersonalDetails(
          deps.db,
          { memberId: actor.member.id, scope: AGENDA_TEXT_SCOPE },
          read.text,
          actor.locale,
          now,
          "conversation",
        );
        if (warning !== undefined) return reply.whisper(textMessage(warning));
      }
      if (args === "" || upcoming.length > 1) {
        await reply.openForm(agendaForm(upcoming, actor.locale, zone, args === "" ? {} : { text: args }));
        return;
      }
      const { meeting, group } = upcoming[0]!;
      await addAgendaItem(deps, group, meeting, actor.member.id, args);
      // An item added is news for the group: said where it was written.
      await reply.say(replyText(actor.locale, zone, "agenda.added", { group: group.name, at: meeting.startsAt }));
    },
  };
}
