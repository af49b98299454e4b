export { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from "./teams-adapter.ts";
export { isLoopbackHost, type TeamsCredentials } from "./auth.ts";
export { startPlayground, type Playground, type PlaygroundOptions } from "./playground.ts";
export type { TeamsTables } from "./teams.tables.ts";
