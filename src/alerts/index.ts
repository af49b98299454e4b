import type { Feature } from "../app/feature.ts";
import type { AlertsDeps } from "./alerts.deps.ts";
import { createColdNightActions, createColdNightCommand, createColdNightForms } from "./cold-nights/cold-night.handlers.ts";
import { createColdNightConversation } from "./cold-nights/cold-night.conversation.ts";
import { createColdNightReminderHandlers } from "./cold-nights/cold-night.reminders.ts";
import { createColdNightCardRenderer } from "./cold-nights/cold-night.notices.ts";
import type { ForecastSource } from "./forecast/forecast-source.ts";
import { createForecastNoticeHandler } from "./forecast/forecast-notice.ts";
import { createForecastTask } from "./forecast/suggest-cold-night.ts";
import { createIncidentDetailsRenderer } from "./incidents/incident.card.ts";
import { createIncidentActions, createIncidentCommand, createIncidentDirectMessages, createIncidentForms } from "./incidents/incident.handlers.ts";
import { createIncidentConversation } from "./incidents/incident.conversation.ts";
import { createIncidentReminderHandlers } from "./incidents/incident.reminders.ts";
import { createIncidentPurgeTask } from "./incidents/purge-incidents.ts";
import { createBedBoardRenderer } from "./beds/bed-board.card.ts";
import { createBedsActions, createBedsCommand, createBedsForms } from "./beds/beds.handlers.ts";
import { createBedBoardTask } from "./beds/send-bed-board.ts";

export type { AlertsDeps } from "./alerts.deps.ts";
export type { ForecastSource, PointForecast, Position, TemperaturePoint } from "./forecast/forecast-source.ts";

/** What the alerts capability needs from the composition root. */
export interface AlertsFeatureDeps extends AlertsDeps {
  forecast: ForecastSource;
}

/** Extra cold nights (declare, answer, escalate, close, follow up), the bed board, the SMHI suggestion, and threats-and-violence reports. */
export function createAlertsFeature(deps: AlertsFeatureDeps): Feature {
  const core: AlertsDeps = { ...deps, logger: deps.logger.child({ feature: "alerts" }) };
  const incidentConversation = createIncidentConversation(core);
  const coldNightConversation = createColdNightConversation(core);
  return {
    name: "alerts",
    commands: [createColdNightCommand(core), createBedsCommand(core), createIncidentCommand(core, incidentConversation)],
    actions: [createColdNightActions(core, coldNightConversation), createBedsActions(core), createIncidentActions(core, incidentConversation)],
    forms: [createColdNightForms(core), createBedsForms(core), createIncidentForms(core)],
    directMessages: [createIncidentDirectMessages(incidentConversation), coldNightConversation.directMessages],
    reminders: [...createColdNightReminderHandlers(core), createForecastNoticeHandler(core), ...createIncidentReminderHandlers(core)],
    recurring: [createForecastTask(core, deps.forecast), createBedBoardTask(core), createIncidentPurgeTask(core)],
    renderers: [createColdNightCardRenderer(core.db, core.clock), createBedBoardRenderer(core.db), createIncidentDetailsRenderer(core.db)],
  };
}

export { countColdNightsSince, coldNightFiguresForPeriod, type ColdNightFigures, type OrganisationColdNightFigures } from "./cold-nights/cold-night-figures.ts";
export { countIncidentsSince, incidentFiguresForPeriod, type IncidentFigures } from "./incidents/incident-figures.ts";
export { turnedAwayForPeriod } from "./beds/bed-figures.ts";
export { coldNightSection, type ColdNightSettings } from "./cold-nights/cold-night-settings.ts";
export { incidentSection, type IncidentSettings } from "./incidents/incident-settings.ts";
