import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

/** Where a meeting stands: planned → invited → held, or moved (rescheduled) / cancelled. */
export type MeetingStatus = "planned" | "invited" | "moved" | "held" | "cancelled";

/**
 * One meeting of a group; `sequence` is the calendar file's SEQUENCE and grows with every change. Where its
 * invitation and agenda were posted lives in the outbox (their card ids), not here.
 */
export interface MeetingTable {
  id: Generated<string>;
  partnership_id: string;
  group_id: string;
  status: Generated<MeetingStatus>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  planned_starts_at: Timestamp;
  sequence: Generated<number>;
  invited_at: Timestamp | null;
  agenda_sent_at: Timestamp | null;
  minutes_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  /** Planned by the cadence, called as an extra meeting, or chosen in a date poll. */
  origin: Generated<MeetingOrigin>;
  /** Place or link, when the organiser gave one. */
  location: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why an extra meeting was called. */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  called_by_member_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The inbox row of the request that called it, so handling the request again finds this meeting. */
  request_key: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** How a meeting came about. */
export type MeetingOrigin = "plan" | "extra" | "poll";

/** A member's answer to an invitation. */
export type RsvpAnswer = "yes" | "no" | "substitute";

export interface MeetingRsvpTable {
  meeting_id: string;
  member_id: string;
  answer: RsvpAnswer;
  answered_at: Timestamp;
  /** Who comes instead, arriving late: for the chair, the secretary and the organisers; cleared when the answer changes. */
  comment: string | null;
}

/** An agenda item; open until a meeting's minutes mark it covered, so it carries over by itself. */
export interface AgendaItemTable {
  id: Generated<string>;
  group_id: string;
  proposed_for_meeting_id: string;
  proposed_by_member_id: string | null;
  text: string;
  /** The English text, when the item came from the bot in both languages. */
  text_en: string | null;
  /** Set on items another capability adds, so the same item is added once per group. */
  source_key: string | null;
  covered_in_meeting_id: string | null;
  created_at: CreatedAt;
}

export interface MeetingDecisionTable {
  id: Generated<string>;
  meeting_id: string;
  position: number;
  text: string;
}

/** An action item from the minutes: an owner and a due date, on every agenda until done. */
export interface ActionItemTable {
  id: Generated<string>;
  partnership_id: string;
  group_id: string;
  meeting_id: string;
  text: string;
  owner_member_id: string;
  due_date: string;
  status: Generated<"open" | "done">;
  done_at: Timestamp | null;
  created_at: CreatedAt;
}

/** A date poll: the organiser proposes 2–5 times, members say which suit them, one becomes a meeting. */
export interface MeetingPollTable {
  id: Generated<string>;
  partnership_id: string;
  group_id: string;
  organiser_member_id: string | null;
  location: string | null;
  reason: string | null;
  duration_minutes: number;
  /** When the most-voted time is chosen, if the organiser has not chosen before. */
  deadline_at: Timestamp;
  status: Generated<"open" | "decided" | "cancelled">;
  meeting_id: string | null;
  created_at: CreatedAt;
  decided_at: Timestamp | null;
  request_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MeetingPollOptionTable {
  id: Generated<string>;
  poll_id: string;
  position: number;
  starts_at: Timestamp;
}

/** A member saying a proposed time suits them (a member may say so for several). */
export interface MeetingPollVoteTable {
  option_id: string;
  member_id: string;
  voted_at: Timestamp;
}

/** One version of a meeting's minutes: the first as saved, each amendment after it. */
export interface MinutesVersionTable {
  meeting_id: string;
  version: number;
  decisions: JSONColumnType<string[], string, string>;
  note: string | null;
  recorded_by_member_id: string | null;
  recorded_at: Timestamp;
  request_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MeetingsTables {
  meetings: MeetingTable;
  meeting_rsvps: MeetingRsvpTable;
  agenda_items: AgendaItemTable;
  meeting_decisions: MeetingDecisionTable;
  action_items: ActionItemTable;
  meeting_polls: MeetingPollTable;
  meeting_poll_options: MeetingPollOptionTable;
  meeting_poll_votes: MeetingPollVoteTable;
  minutes_versions: MinutesVersionTable;
}
