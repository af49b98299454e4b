import type { Feature } from "../app/feature.ts";
import { createActionItemReminderHandler } from "./action-items.ts";
import { createMeetingsDailyTask } from "./cadence-watchdog.ts";
import { createMeetingActions } from "./meeting-actions.ts";
import { createMeetingRenderers } from "./meeting-cards.ts";
import { createAgendaCommand, createListCommand } from "./meeting-commands.ts";
import { createMeetingForms } from "./meeting-forms.ts";
import { createMeetingReminderHandlers } from "./meeting-notices.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { createPeriodCommand } from "./period-command.ts";

/** The meetings capability as the chat router and the job runtime see it. */
export function createMeetingsFeature(deps: MeetingsDeps): Feature {
  const logger = deps.logger.child({ feature: "meetings" });
  const d = { ...deps, logger };
  return {
    name: "meetings",
    commands: [createListCommand(d), createAgendaCommand(d), createPeriodCommand(d)],
    actions: [createMeetingActions(d)],
    forms: [createMeetingForms(d)],
    reminders: [...createMeetingReminderHandlers(d), createActionItemReminderHandler(d)],
    recurring: [createMeetingsDailyTask(d)],
    renderers: createMeetingRenderers(d),
  };
}
