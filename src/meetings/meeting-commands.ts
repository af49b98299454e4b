import type { CommandContext, CommandHandler } from "../app/feature.ts";
import { textMessage, type Block, type FormView } from "../chat/message.ts";
import { warnOnceAboutPersonalDetails } from "../forms/index.ts";
import { addAgendaItem, checkAgendaText, upcomingMeetingsOf, AGENDA_ITEM_MAX, AGENDA_TEXT_SCOPE } from "./add-agenda-item.ts";
import { findMeeting, type Meeting } from "./meeting.repository.ts";
import { getGroup, listSeats, type MeetingGroup } from "./meeting-group.repository.ts";
import { canChangeMeetings } from "./meeting-access.ts";
import { replyText, translatorFor } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { createTranslator } from "../shared/i18n.ts";
import { meetingMessages } from "./meetings.messages.ts";

/** How many upcoming meetings `möten` lists. */
const LIST_LIMIT = 8;

/** `möten`: the next meetings of the member's groups, with move/cancel buttons for those who may change them. */
export function createListCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["möten", "moten"], en: ["meetings"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.meetings"),
    run: async ({ actor, reply }) => {
      const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const rows = await deps.db
        .selectFrom("meetings as m")
        .innerJoin("group_members as gm", "gm.group_id", "m.group_id")
        .select(["m.id"])
        .where("gm.member_id", "=", actor.member.id)
        .where("m.status", "in", ["planned", "invited", "moved"])
        .where("m.starts_at", ">", deps.clock.now())
        .orderBy("m.starts_at")
        .limit(LIST_LIMIT)
        .execute();
      if (rows.length === 0) {
        await reply.whisper(replyText(actor.locale, actor.partnership.timeZone, "list.empty"));
        return;
      }
      const blocks: Block[] = [{ type: "heading", text: t("list.title") }];
      for (const row of rows) {
        const meeting = (await findMeeting(deps.db, row.id))!;
        const group = await getGroup(deps.db, meeting.groupId);
        blocks.push({ type: "text", text: t("list.line", { group: group.name, at: meeting.startsAt, status: t(`status.${meeting.status}`) }) });
        if (canChangeMeetings(actor.member, await listSeats(deps.db, group.id))) {
          blocks.push({
            type: "buttons",
            buttons: [
              { actionId: "meeting.move", label: t("button.move"), value: meeting.id },
              { actionId: "meeting.cancel", label: t("button.cancel"), value: meeting.id, style: "danger" },
            ],
          });
        }
      }
      await reply.whisper({ text: t("list.title"), blocks });
    },
  };
}

/** The agenda form; with several upcoming meetings the member picks one. */
export function agendaForm(choices: { meeting: Meeting; group: MeetingGroup }[], locale: "sv" | "en", timeZone: string, initialText?: string): FormView {
  const t = translatorFor({ locale, timeZone });
  const single = choices.length === 1 ? choices[0]!.meeting.id : "";
  return {
    formId: "meeting.agenda",
    title: t("agenda.form.title"),
    submitLabel: t("agenda.form.submit"),
    state: single,
    ...(single === "" ? {} : { intro: t("agenda.title", { group: choices[0]!.group.name, at: choices[0]!.meeting.startsAt }) }),
    fields: [
      ...(single === ""
        ? [
            {
              id: "meeting",
              label: t("agenda.form.meeting"),
              kind: "choice" as const,
              required: true,
              choices: choices.map((c) => ({
                value: c.meeting.id,
                label: t("list.line", { group: c.group.name, at: c.meeting.startsAt, status: t(`status.${c.meeting.status}`) }),
              })),
            },
          ]
        : []),
      {
        id: "text",
        label: t("agenda.form.text"),
        kind: "text",
        required: true,
        help: t("agenda.form.help"),
        maxLength: AGENDA_ITEM_MAX,
        ...(initialText === undefined ? {} : { initial: initialText }),
      },
    ],
  };
}

/** `agenda <text>` adds an item to the next meeting of the member's group; with several groups, or no text, a form asks. */
export function createAgendaCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["agenda", "dagordning"], en: ["agenda"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.agenda"),
    run: async ({ actor, args, reply }: CommandContext) => {
      const zone = actor.partnership.timeZone;
      const upcoming = await upcomingMeetingsOf(deps.db, actor.member.id, deps.clock.now());
      if (upcoming.length === 0) {
        await reply.whisper(replyText(actor.locale, zone, "agenda.noMeeting"));
        return;
      }
      if (args !== "") {
        const problem = checkAgendaText(args);
        if (problem !== undefined) {
          await reply.whisper(replyText(actor.locale, zone, problem));
          return;
        }
        const warning = await warnOnceAboutPersonalDetails(
          deps.db,
          { memberId: actor.member.id, scope: AGENDA_TEXT_SCOPE },
          args,
          actor.locale,
          deps.clock.now(),
          "conversation",
        );
        if (warning !== undefined) return reply.whisper(textMessage(warning));
      }
      if (args === "" || upcoming.length > 1) {
        await reply.openForm(agendaForm(upcoming, actor.locale, zone, args === "" ? undefined : args));
        return;
      }
      const { meeting, group } = upcoming[0]!;
      await addAgendaItem(deps, group, meeting, actor.member.id, args);
      await reply.whisper(replyText(actor.locale, zone, "agenda.added", { group: group.name, at: meeting.startsAt }));
    },
  };
}
