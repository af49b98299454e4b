export { createSlackAdapter, type SlackAdapter, type SlackAdapterConfig, type SlackAdapterOptions } from "./slack-adapter.ts";
export type { SlackTables } from "./slack.tables.ts";
