export { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from "./teams-adapter.ts";
export { decideTeamsAccess, describeTeamsAccess, isLocalDataDir, isLoopbackHost, markLocalDataDir, type TeamsAccess, type TeamsCredentials } from "./auth.ts";
export { refuseTeams } from "./webhook/refuse.ts";
export { playgroundUsers, startPlayground, type Playground, type PlaygroundOptions } from "./playground.ts";
export type { TeamsTables } from "./teams.tables.ts";
