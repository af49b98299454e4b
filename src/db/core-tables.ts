import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** A partnership (IOP agreement) between the city and non-profit organisations. */
export interface PartnershipTable {
  id: string;
  name: string;
  city: string;
  time_zone: string;
  locale: string;
  period_start: string;
  period_end: string;
  extension_step_months: number | null;
  extension_until: string | null;
  extension_deadline: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OrganisationTable {
  id: Generated<string>;
  partnership_id: string;
  key: string;
  name: string;
  org_number: string | null;
  active: Generated<boolean>;
}

export interface CityUnitTable {
  id: Generated<string>;
  partnership_id: string;
  key: string;
  name: string;
  active: Generated<boolean>;
}

export interface GroupTable {
  id: Generated<string>;
  partnership_id: string;
  key: string;
  kind: string;
  name: string;
  cadence_kind: "months" | "term";
  cadence_months: number | null;
  meeting_settings: JSONColumnType<Record<string, unknown>>;
  active: Generated<boolean>;
}

export interface MemberTable {
  id: Generated<string>;
  partnership_id: string;
  key: string;
  display_name: string;
  organisation_id: string | null;
  city_unit_id: string | null;
  locale: string;
  /** When the member chose `locale` in chat (`språk en`); an import of the partnership file then keeps it. */
  locale_chosen_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  roles: string[];
  /** Work e-mail for calendar invitations; optional in the partnership file. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  deactivated_at: Timestamp | null;
}

export interface MemberIdentityTable {
  id: Generated<string>;
  partnership_id: string;
  member_id: string;
  platform: "slack" | "teams";
  platform_user_id: string;
  position: number;
}

export interface GroupMemberTable {
  group_id: string;
  member_id: string;
  role: "member" | "chair" | "secretary";
}

export interface ChannelTable {
  id: Generated<string>;
  partnership_id: string;
  platform: "slack" | "teams";
  conversation: string;
  purpose: "partnership" | "group" | "alerts";
  group_id: string | null;
  active: Generated<boolean>;
}

export interface ActivityTable {
  id: Generated<string>;
  partnership_id: string;
  organisation_id: string;
  key: string;
  name: string;
  kind: "night" | "day";
  places: number;
  places_women: number;
  nights_per_grant: number | null;
  nights_per_grant_women: number | null;
  karenstid_nights: number | null;
  active: Generated<boolean>;
}

export interface ActivityStaffTable {
  activity_id: string;
  member_id: string;
}

/** One pending reminder or escalation step; the database is the source of truth, the job only carries its id. */
export interface ReminderTable {
  id: Generated<string>;
  key: string;
  kind: string;
  partnership_id: string | null;
  due_at: Timestamp;
  status: Generated<"pending" | "processing" | "done" | "cancelled" | "failed">;
  payload: JSONColumnType<Record<string, unknown>>;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_at: Timestamp | null;
  done_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** A recorded decision on the agreement period: extended to a new end, or ending at the current one. */
export interface PeriodDecisionTable {
  id: Generated<string>;
  partnership_id: string;
  decision: "extended" | "ending";
  period_end_before: string;
  period_end_after: string;
  decided_by_member_id: string | null;
  decided_at: Timestamp;
}

/** Which partnership a person in several partnerships chose to act in from direct messages. */
export interface PartnershipChoiceTable {
  platform: "slack" | "teams";
  platform_user_id: string;
  partnership_id: string;
  chosen_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Who did what and when: kept for alerts, incidents and reports. */
export interface AuditEventTable {
  id: Generated<string>;
  partnership_id: string;
  actor_member_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: JSONColumnType<Record<string, unknown>>;
  at: Timestamp;
}

/** One message the bot must send, recorded before it is sent; a job delivers it (see src/outbox). */
export interface OutboxTable {
  id: Generated<string>;
  key: string;
  partnership_id: string | null;
  kind: "message" | "file" | "refresh";
  member_id: string | null;
  platform: "slack" | "teams" | null;
  conversation: string | null;
  card: string | null;
  content: JSONColumnType<Record<string, unknown>>;
  file_content: Buffer | null;
  locale: string;
  time_zone: string;
  status: Generated<"pending" | "processing" | "sent" | "failed" | "cancelled" | "waiting">;
  due_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_at: Timestamp | null;
  message_ref: string | null;
  sent_platform: "slack" | "teams" | null;
  sent_conversation: string | null;
  sent_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One inbound platform delivery, recorded before it is acknowledged and handled from the row (see src/inbox). */
export interface InboxTable {
  id: Generated<string>;
  key: string;
  platform: "slack" | "teams";
  payload: JSONColumnType<Record<string, unknown>>;
  status: Generated<"pending" | "processing" | "done" | "failed" | "expired">;
  attempts: Generated<number>;
  last_error: string | null;
  received_at: Timestamp;
  claimed_at: Timestamp | null;
  done_at: Timestamp | null;
}

/** When each sweep last completed; /readyz reads it in every process. */
export interface SweepRunTable {
  name: string;
  completed_at: Timestamp;
  details: JSONColumnType<Record<string, unknown>>;
}

export interface CoreTables {
  partnerships: PartnershipTable;
  organisations: OrganisationTable;
  city_units: CityUnitTable;
  groups: GroupTable;
  members: MemberTable;
  member_identities: MemberIdentityTable;
  group_members: GroupMemberTable;
  channels: ChannelTable;
  activities: ActivityTable;
  activity_staff: ActivityStaffTable;
  reminders: ReminderTable;
  partnership_choices: PartnershipChoiceTable;
  audit_events: AuditEventTable;
  outbox: OutboxTable;
  inbox: InboxTable;
  sweep_runs: SweepRunTable;
  period_decisions: PeriodDecisionTable;
}
