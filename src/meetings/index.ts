export { createMeetingsFeature } from "./meetings.feature.ts";
export { createMeetingsPlanCommand } from "./meetings.cli.ts";
export { MEETINGS_DAILY_TASK } from "./cadence-watchdog.ts";
export type { AgendaSources, MeetingsDeps, OrganisationReportStatus } from "./meetings.deps.ts";
export type { MeetingsTables } from "./meetings.tables.ts";
export { planCadence, type CadencePlan, type PlanWarning } from "./cadence-plan.ts";
export { swedishDaysOff } from "./working-days.ts";
export { createAgendaPort } from "./agenda-port.ts";
export { createAgendaSources } from "./agenda-sources.ts";
