import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** One organisation's report for one form and period (e.g. uppföljning 2026H2). */
export interface ReportTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  form: string;
  period: string;
  period_start: string;
  period_end: string;
  opens_at: Timestamp;
  deadline_at: Timestamp;
  created_at: CreatedAt;
  /** Answers finished before the report opened, submitted when it opens (unless early submission is allowed). */
  queued_answers: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  queued_by: ColumnType<string | null, string | null | undefined, string | null>;
  queued_via: ColumnType<"chat" | "form" | null, "chat" | "form" | null | undefined, "chat" | "form" | null>;
  queued_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Who asked for the report outside the cycle (`begär rapport`); told when it is overdue. */
  requested_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Every submitted version of a report, with who and when: the city may reclaim funds on what was reported. */
export interface ReportVersionTable {
  id: Generated<string>;
  report_id: string;
  version: number;
  answers: JSONColumnType<Record<string, unknown>>;
  /** The definition the answers were given against, so a later template change cannot reinterpret them. */
  definition: JSONColumnType<Record<string, unknown>>;
  submitted_by: string;
  submitted_at: Timestamp;
  via: "chat" | "form";
}

/** The `reports:` section of a partnership's file, as written, one row per partnership that reports. */
export interface ReportSettingsTable {
  partnership_id: string;
  settings: JSONColumnType<Record<string, unknown>>;
}

export interface ReportsTables {
  reports: ReportTable;
  report_versions: ReportVersionTable;
  report_settings: ReportSettingsTable;
}
