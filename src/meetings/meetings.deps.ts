import type { CoreDeps } from "../app/feature.ts";
import type { Work } from "../app/unit-of-work.ts";
import type { ConversationRef, Platform } from "../chat/index.ts";

/** One organisation's report status as the agenda shows it. */
export interface OrganisationReportStatus {
  organisation: string;
  /** Already localized by the reports capability, e.g. "inlämnad 2026-11-30" or "saknas (förfallen)". */
  status: string;
}

/** Counts for the standing agenda items, provided by the alerts and reports capabilities. */
export interface AgendaSources {
  /** Threat-and-violence incidents reported in the partnership since `since`. */
  countIncidentsSince(partnershipId: string, since: Date): Promise<number>;
  /** Extra cold nights declared in the partnership since `since`. */
  countColdNightsSince(partnershipId: string, since: Date): Promise<number>;
  /** Report status per organisation, in the reader's language. */
  reportStatus(partnershipId: string, locale: "sv" | "en"): Promise<OrganisationReportStatus[]>;
}

/** What the meetings capability needs from the composition root. */
export interface MeetingsDeps extends CoreDeps {
  /** The channel id of a conversation as the partnership file writes it (its platform's adapter decodes the ref). */
  channelIdOf(platform: Platform, conversation: ConversationRef): string | undefined;
  /** Standing-item counts; without it the agenda lists only action items and the extension deadline. */
  agendaSources?: AgendaSources;
  /** The ORGANIZER address in calendar files (RFC 5546 needs one for updates and cancellations). */
  calendarOrganizerEmail?: string;
}

/**
 * Runs `fn` as one unit of work with the deps bound to it: every read, write, message and reminder joins the same
 * transaction, and a use case called inside (its own `transact`) joins it too instead of opening another.
 */
export function inTransaction<T>(deps: MeetingsDeps, fn: (tx: MeetingsDeps) => Promise<T>): Promise<T> {
  return deps.transact((w) => fn(boundTo(deps, w)));
}

function boundTo(deps: MeetingsDeps, w: Work): MeetingsDeps {
  return { ...deps, db: w.db, notifier: w.notifier, reminders: w.reminders, transact: (fn) => fn(w) };
}
