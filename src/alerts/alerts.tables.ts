import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One declared extra cold night of a partnership; `night` is the evening's local date. */
export interface ColdNightAlertTable {
  id: Generated<string>;
  partnership_id: string;
  night: string;
  temperature_c: number | null;
  status: Generated<"open" | "closed">;
  declared_by: string | null;
  /** The request (inbox delivery) that declared it, when it came as one. */
  declared_request: string | null;
  declared_at: Timestamp;
  closes_at: Timestamp;
  closed_by: string | null;
  closed_at: Timestamp | null;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
}

/** One night shelter's answer to a cold-night alert, its escalation step and the morning follow-up. */
export interface ColdNightResponseTable {
  alert_id: string;
  activity_id: string;
  organisation_id: string;
  answer: Generated<"pending" | "opening" | "full" | "cannot">;
  extra_places: Generated<number>;
  extra_places_women: Generated<number>;
  answered_by: string | null;
  answered_at: Timestamp | null;
  /** The last ladder position taken in the current run. */
  escalation_step: Generated<number>;
  /** Bumped by a restart, so steps queued for an earlier run do nothing. */
  ladder_run: Generated<number>;
  /** The position the current run started from (1 unless samordning restarted it from a later rung). */
  ladder_from: Generated<number>;
  /** When position 0 of the current run would have been: the declaration, or a restart minus its rung's delay. */
  ladder_base_at: Timestamp | null;
  restarted_at: Timestamp | null;
  places_used: number | null;
  turned_away: number | null;
  followup_by: string | null;
  followup_at: Timestamp | null;
}

/** The forecast check for one night: at most one suggestion per partnership and night. */
export interface ColdNightForecastTable {
  partnership_id: string;
  night: string;
  outcome: Generated<"pending" | "suggested" | "not_cold" | "unavailable">;
  attempts: Generated<number>;
  last_error: string | null;
  minimum_c: number | null;
  minimum_at: Timestamp | null;
  threshold_c: number | null;
  forecast_created_at: Timestamp | null;
  decided_at: Timestamp | null;
  /** The night's coldest air temperature and feels-like temperature; `minimum_c` is the one the trigger uses. */
  air_c: number | null;
  feels_like_c: number | null;
  /** The first night of the run of cold nights this night was suggested in (one notice per run). */
  run_start: string | null;
  /** When this night's own daily check was done (it may have been suggested the day before, in a run). */
  checked_at: Timestamp | null;
}

/** A report of threats or violence; people appear by role only, and `description` is purged after retention. */
export interface IncidentTable {
  id: Generated<string>;
  partnership_id: string;
  reported_by: string | null;
  organisation_id: string | null;
  activity_id: string | null;
  occurred_at: Timestamp;
  reported_at: Timestamp;
  kind: "threat" | "violence" | "both";
  severity: "minor" | "moderate" | "serious_incident";
  injuries: "none" | "minor" | "serious";
  police: "none" | "called" | "reported";
  support_needed: boolean;
  description: string | null;
  /** How many people were involved, by role (never who); null when the reporter left it out. */
  people_staff: ColumnType<number | null, number | null | undefined, number | null>;
  people_visitors: ColumnType<number | null, number | null | undefined, number | null>;
  people_other: ColumnType<number | null, number | null | undefined, number | null>;
  acknowledged_by: string | null;
  acknowledged_at: Timestamp | null;
  escalated_at: Timestamp | null;
  debrief_done_at: Timestamp | null;
  authority_reported_at: Timestamp | null;
  police_reported_at: Timestamp | null;
  purged_at: Timestamp | null;
}

/** A night shelter's bed count for one night as its staff report it: counts only, never a person. */
export interface ShelterNightTable {
  activity_id: string;
  night: string;
  partnership_id: string;
  free_places: number | null;
  free_women: number | null;
  turned_away: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The `coldNights:` section of a partnership's file, one row per partnership that has extra cold nights. */
export interface ColdNightSettingsTable {
  partnership_id: string;
  threshold_c: number;
  season_from: string;
  season_to: string;
  latitude: number;
  longitude: number;
  forecast_time: string;
  escalation_minutes: number[];
  escalation_repeat_from: ColumnType<number, number | undefined, number>;
  escalation_repeat_minutes: ColumnType<number, number | undefined, number>;
  bed_board_from: ColumnType<string, string | undefined, string>;
  bed_board_roles: ColumnType<string[], string[] | undefined, string[]>;
  bed_board_city_units: ColumnType<string[], string[] | undefined, string[]>;
  use_feels_like: ColumnType<boolean, boolean | undefined, boolean>;
  declarer_roles: string[];
  close_time: string;
}

/** The `incidents:` section of a partnership's file, one row per imported partnership. */
export interface IncidentSettingsTable {
  partnership_id: string;
  ack_minutes: number;
  channel_notice: boolean;
  retention_days: number;
}

export interface AlertsTables {
  shelter_nights: ShelterNightTable;
  cold_night_alerts: ColdNightAlertTable;
  cold_night_responses: ColdNightResponseTable;
  cold_night_forecasts: ColdNightForecastTable;
  incidents: IncidentTable;
  cold_night_settings: ColdNightSettingsTable;
  incident_settings: IncidentSettingsTable;
}
