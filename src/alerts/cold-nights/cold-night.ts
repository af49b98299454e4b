import { DateTime } from "luxon";

/** A shelter's answer to a cold-night alert. */
export type ColdNightAnswer = "pending" | "opening" | "full" | "cannot";

/** One shelter's row on the cold-night card. */
export interface ShelterResponse {
  activityId: string;
  shelterName: string;
  organisationId: string;
  organisationName: string;
  answer: ColdNightAnswer;
  extraPlaces: number;
  /** Of the extra places, how many are for women. */
  extraPlacesWomen: number;
  answeredBy: string | null;
  answeredAt: Date | null;
  /** The last ladder position taken in the current run. */
  escalationStep: number;
  ladderRun: number;
  ladderFrom: number;
  /** When position 0 of the current run falls: the declaration, or a restart minus its step's delay. */
  ladderBaseAt: Date;
  restartedAt: Date | null;
  placesUsed: number | null;
  turnedAway: number | null;
}

/** A declared extra cold night with every shelter's answer. */
export interface ColdNightAlert {
  id: string;
  partnershipId: string;
  night: string;
  temperatureC: number | null;
  status: "open" | "closed";
  declaredBy: string | null;
  declaredAt: Date;
  closesAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  /** Samordning acknowledged the alert as a whole: only the unanswered shelters' staff are still reminded. */
  acknowledgedBy: string | null;
  acknowledgedAt: Date | null;
  responses: ShelterResponse[];
}

/** Whether a shelter's ladder is quiet: acknowledged alert-wide, and not restarted since. */
export function isQuiet(alert: Pick<ColdNightAlert, "acknowledgedAt">, shelter: Pick<ShelterResponse, "restartedAt">): boolean {
  return alert.acknowledgedAt !== null && (shelter.restartedAt === null || shelter.restartedAt < alert.acknowledgedAt);
}

/** The reminder kinds of cold nights. */
export const COLD_NIGHT_KINDS = {
  escalate: "coldnight.escalate",
  autoClose: "coldnight.auto-close",
  followUp: "coldnight.follow-up",
} as const;

/** Deterministic reminder keys: a step or close can be scheduled twice and still exists once. */
export const coldNightKeys = {
  alert: (alertId: string) => `coldnight:${alertId}:`,
  ladder: (alertId: string, activityId: string) => `coldnight:${alertId}:${activityId}:step-`,
  step: (alertId: string, activityId: string, run: number, position: number) => `coldnight:${alertId}:${activityId}:step-${run}-${position}`,
  /** One escalation message per person per due time and rung, however many shelters' steps fall then. */
  escalation: (alertId: string, dueAt: Date, notice: string) => `coldnight:${alertId}:escalation:${dueAt.getTime()}:${notice}`,
  autoClose: (alertId: string) => `coldnight:${alertId}:auto-close`,
  // Outside the alert prefix, so closing (which cancels the alert's ladder) leaves the follow-ups standing.
  followUp: (alertId: string, activityId: string) => `coldnight-followup:${alertId}:${activityId}`,
  followUpAgain: (alertId: string, activityId: string) => `coldnight-followup:${alertId}:${activityId}:again`,
  /** Subjects of the conversations answering an alert's questions, one per shelter and member after this prefix. */
  conversations: (kind: "places" | "followUp", alertId: string) => `coldnight:${kind}:${alertId}:`,
};

/** Morning figures still missing this long after the question are asked of the organisation's coordinators. */
export const FOLLOW_UP_AGAIN_AFTER_MS = 4 * 3_600_000;

/** Extra places offered across every shelter that is opening. */
export function totalExtraPlaces(responses: readonly Pick<ShelterResponse, "answer" | "extraPlaces">[]): number {
  return responses.reduce((sum, r) => sum + (r.answer === "opening" ? r.extraPlaces : 0), 0);
}

/** When the alert for `night` closes itself: `closeTime` ("HH:MM") on the next morning, local time. */
export function closingTime(night: string, closeTime: string, timeZone: string): Date {
  const [hour, minute] = closeTime.split(":").map(Number) as [number, number];
  return DateTime.fromISO(night, { zone: timeZone }).plus({ days: 1 }).set({ hour, minute }).toJSDate();
}

/** The night under way at `now`: before the morning close time it is still last evening's night. */
export function currentNight(now: Date, timeZone: string, closeTime: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const [hour, minute] = closeTime.split(":").map(Number) as [number, number];
  const beforeClose = local.hour < hour || (local.hour === hour && local.minute < minute);
  return (beforeClose ? local.minus({ days: 1 }) : local).toISODate()!;
}

/** The local date after `night` (ISO). */
export function nextDay(night: string): string {
  return DateTime.fromISO(night).plus({ days: 1 }).toISODate()!;
}
