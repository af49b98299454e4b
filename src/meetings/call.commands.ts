import type { ActionHandler, CommandHandler } from "../app/feature.ts";
import { groupOfConversation } from "./conversation-group.ts";
import { openPollForm } from "./date-poll-chat.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { openNewMeetingForm } from "./new-meeting.ts";
import { createTranslator } from "../shared/i18n.ts";
import { meetingMessages } from "./meetings.messages.ts";

const MEETING_WORDS = new Set(["möte", "mote", "meeting"]);
const NEW_WORDS = new Set(["nytt", "new", "extra"]);
const POLL_WORDS = new Set(["förslag", "forslag", "poll", "omröstning", "datum"]);

/**
 * `nytt möte` / `new meeting` (or `möte nytt`) opens the extra-meeting form; `möte förslag` / `meeting poll` the
 * date poll. Anything else after the word says which of the two to write.
 */
export function createCallCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["nytt", "möte", "mote"], en: ["new", "meeting"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.call"),
    run: async ({ event, actor, args, reply }) => {
      const word = event.text.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
      const rest = args
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== "");
      const wantsNew =
        (NEW_WORDS.has(word) && rest.length === 1 && MEETING_WORDS.has(rest[0]!)) || (MEETING_WORDS.has(word) && rest.length === 1 && NEW_WORDS.has(rest[0]!));
      const wantsPoll = MEETING_WORDS.has(word) && rest.length === 1 && POLL_WORDS.has(rest[0]!);
      // In a group's channel the form starts on that group.
      const groupId = wantsNew || wantsPoll ? (await groupOfConversation(deps, actor, event))?.id : undefined;
      if (wantsNew) return openNewMeetingForm(deps, actor, reply, groupId === undefined ? {} : { groupId });
      if (wantsPoll) return openPollForm(deps, actor, reply, groupId);
      const text = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone })("call.usage");
      await reply.whisper({ text, blocks: [{ type: "text", text }] });
    },
  };
}

/** The watchdog's button: the extra-meeting form, filled in with the group and a date that closes the gap. */
export function createNewMeetingAction(deps: MeetingsDeps): ActionHandler {
  return {
    prefix: "meeting.new",
    run: async ({ event, actor, reply }) => {
      const [groupId = "", date = ""] = event.value.split("|");
      await openNewMeetingForm(deps, actor, reply, { groupId, date });
    },
  };
}
