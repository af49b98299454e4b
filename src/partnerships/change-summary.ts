/** What an import touches, in the order the summary lists it. */
export const IMPORT_ENTITIES = [
  "partnership",
  "organisations",
  "cityUnits",
  "groups",
  "members",
  "identities",
  "groupMembers",
  "channels",
  "activities",
  "activityStaff",
  "settings",
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** Counts of one entity's changes. Entities with history are deactivated; links and settings are removed. */
export interface ChangeCounts {
  created: number;
  updated: number;
  reactivated: number;
  deactivated: number;
  removed: number;
}

/** Everything an import changed, per entity. */
export type ChangeSummary = Record<ImportEntity, ChangeCounts>;

/** A summary with nothing changed yet. */
export function createChangeSummary(): ChangeSummary {
  const entries = IMPORT_ENTITIES.map((e) => [e, { created: 0, updated: 0, reactivated: 0, deactivated: 0, removed: 0 }] as const);
  return Object.fromEntries(entries) as ChangeSummary;
}

/** Whether the import changed anything at all. */
export function hasChanges(summary: ChangeSummary): boolean {
  return IMPORT_ENTITIES.some((e) => Object.values(summary[e]).some((n) => n > 0));
}
