import type { Kysely } from "kysely";
import type { AlertsTables } from "../alerts/alerts.tables.ts";
import type { FormsTables } from "../forms/forms.tables.ts";
import type { MeetingsTables } from "../meetings/meetings.tables.ts";
import type { ReportsTables } from "../reports/reports.tables.ts";
import type { CoreTables } from "./core-tables.ts";

/** Every table Samverka owns; each capability adds its own table interfaces here. */
export type Database = CoreTables & AlertsTables & FormsTables & MeetingsTables & ReportsTables;

/** The typed query builder the core works with; created by the composition root. */
export type Db = Kysely<Database>;
