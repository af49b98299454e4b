/** The partnerships capability: partnership files, their import and export, and the read side other capabilities use. */
export * from "./partnership.ts";
export * from "./partnership-file.schema.ts";
export { hasValidCheckDigit, ORG_NUMBER_PATTERN } from "./org-number.ts";
export { clockTimeSchema, increasingNumbers, keySchema, monthDaySchema, wholeNumber } from "./file-formats.schema.ts";
export {
  refusedBecause,
  syncSettingsRow,
  type PartnershipSection,
  type SectionIssueParams,
  type ReferenceList,
  type SectionReferences,
  type SettingsTable,
} from "./partnership-section.ts";
export { createPartnershipFiles, type PartnershipFiles } from "./partnership-files.ts";
export type { FileProblem } from "./read-partnership-file.ts";
export type { ImportResult } from "./import-partnership.ts";
export { stringifyPartnershipFile } from "./export-partnership.ts";
export { IMPORT_ENTITIES, type ChangeCounts, type ChangeSummary, type ImportEntity } from "./change-summary.ts";
export { createExportCommand, createImportCommand, createPartnershipCommands, type ImportNotes } from "./partnership.cli.ts";
export * from "./partnership.repository.ts";
export * from "./member.repository.ts";
export * from "./group.repository.ts";
export * from "./activity.repository.ts";
export { endAfterStep, recordPeriodDecision, type PeriodDecision, type PeriodDecisionRefusal, type RecordedPeriodDecision } from "./period-decision.ts";
