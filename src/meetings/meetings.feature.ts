import type { Feature } from "../app/feature.ts";
import { createActionItemReminderHandler } from "./action-items.ts";
import { createMeetingsDailyTask } from "./cadence-watchdog.ts";
import { createMeetingActions } from "./meeting.actions.ts";
import { createMeetingRenderers } from "./meeting.cards.ts";
import { createAgendaCommand, createListCommand } from "./meeting.commands.ts";
import { createMeetingForms } from "./meeting.forms.ts";
import { createMeetingReminderHandlers } from "./meeting.reminders.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { createPeriodCommand } from "./period-command.ts";
import { createCallCommand, createNewMeetingAction } from "./call.commands.ts";
import { createPollActions, createPollForm } from "./date-poll-chat.ts";
import { createPollDeadlineHandler, createPollRenderers } from "./date-poll.ts";
import { createAmendForm, createDecisionsCommand, createMinutesActions } from "./decisions-chat.ts";
import { createNewMeetingForm } from "./new-meeting.ts";
import { createCommentCommand, createRsvpCommentPurgeTask } from "./rsvp-comment.ts";

/** The meetings capability as the chat router and the job runtime see it. */
export function createMeetingsFeature(deps: MeetingsDeps): Feature {
  const logger = deps.logger.child({ feature: "meetings" });
  const d = { ...deps, logger };
  return {
    name: "meetings",
    commands: [createListCommand(d), createAgendaCommand(d), createCommentCommand(d), createPeriodCommand(d), createCallCommand(d), createDecisionsCommand(d)],
    actions: [createMeetingActions(d), createNewMeetingAction(d), createPollActions(d), createMinutesActions(d)],
    forms: [createMeetingForms(d), createNewMeetingForm(d), createPollForm(d), createAmendForm(d)],
    reminders: [...createMeetingReminderHandlers(d), createActionItemReminderHandler(d), createPollDeadlineHandler(d)],
    recurring: [createMeetingsDailyTask(d), createRsvpCommentPurgeTask(d)],
    renderers: [...createMeetingRenderers(d), ...createPollRenderers(d)],
  };
}
