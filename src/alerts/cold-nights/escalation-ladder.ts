import type { Work } from "../../app/unit-of-work.ts";
import { loadColdNightSettings } from "./cold-night-settings.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { COLD_NIGHT_KINDS, coldNightKeys, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";

/**
 * The escalation ladder of a cold night: until a shelter answers, step after step reaches further up (its staff,
 * its organisation's coordinators, then samordning and Socialjouren), each step a reminder row. This file holds the
 * rungs, when each step falls due, and scheduling and stopping a shelter's ladder; taking a step and restarting a
 * ladder are in `escalate-cold-night.ts`.
 */

/** Who a ladder step reaches: the shelter's staff, its organisation's coordinators, or samordning and Socialjouren. */
export type LadderRung = "staff" | "coordinator" | "samordning";

const RUNGS: readonly LadderRung[] = ["staff", "coordinator", "samordning"];

/** A partnership's escalation ladder: step delays from the declaration, then a repeat from one step at an interval. */
export interface Ladder {
  /** Minutes from the declaration to each step (increasing); step n goes to rung n (past the third: samordning). */
  minutes: readonly number[];
  /** After the last step, the ladder repeats from this step (1-based)… */
  repeatFrom: number;
  /** …one step every this many minutes, until the shelter answers or the alert closes. */
  repeatEveryMinutes: number;
}

/** The rung of configured step `step` (1-based); steps past the third stay with samordning and Socialjouren. */
export function rungOf(step: number): LadderRung {
  return RUNGS[Math.min(step, RUNGS.length) - 1]!;
}

/** The configured step that ladder position `position` (1-based, growing without end) takes. */
export function stepAt(ladder: Ladder, position: number): number {
  const n = ladder.minutes.length;
  if (position <= n) return position;
  const cycle = n - ladder.repeatFrom + 1;
  return ladder.repeatFrom + ((position - n - 1) % cycle);
}

/** The rung ladder position `position` reaches. */
export function rungAt(ladder: Ladder, position: number): LadderRung {
  return rungOf(stepAt(ladder, position));
}

/** Minutes from the run's base to position `position`. */
function offsetMinutes(ladder: Ladder, position: number): number {
  const n = ladder.minutes.length;
  return position <= n ? ladder.minutes[position - 1]! : ladder.minutes[n - 1]! + (position - n) * ladder.repeatEveryMinutes;
}

/** When position `position` of a run based at `baseAt` falls due. */
export function positionDueAt(ladder: Ladder, baseAt: Date, position: number): Date {
  return new Date(baseAt.getTime() + offsetMinutes(ladder, position) * 60_000);
}

/**
 * The latest position at or after `from` that is due by `now`: a step that runs late (after downtime) takes the
 * step the ladder has reached instead of sending every overdue one.
 */
export function latestDuePosition(ladder: Ladder, baseAt: Date, from: number, now: Date): number {
  const elapsed = (now.getTime() - baseAt.getTime()) / 60_000;
  const n = ladder.minutes.length;
  let latest = from;
  for (let p = from; p <= n; p++) if (ladder.minutes[p - 1]! <= elapsed) latest = p;
  if (elapsed >= ladder.minutes[n - 1]!) latest = Math.max(latest, n + Math.floor((elapsed - ladder.minutes[n - 1]!) / ladder.repeatEveryMinutes));
  return latest;
}

/** The base of a run restarted at `now` from configured step `step`: that step is due at once, the next after their gap. */
export function restartedBase(ladder: Ladder, now: Date, step: number): Date {
  return new Date(now.getTime() - ladder.minutes[step - 1]! * 60_000);
}

/** The ladder of a partnership's cold-night settings. */
export function ladderOf(settings: { escalationMinutes: readonly number[]; escalationRepeat: { fromStep: number; everyMinutes: number } }): Ladder {
  return { minutes: settings.escalationMinutes, repeatFrom: settings.escalationRepeat.fromStep, repeatEveryMinutes: settings.escalationRepeat.everyMinutes };
}

/** Loads the partnership's ladder, or undefined when it has no cold-night settings. */
export async function ladderFor(deps: Pick<AlertsDeps, "db">, partnershipId: string): Promise<Ladder | undefined> {
  const settings = await loadColdNightSettings(deps.db, partnershipId);
  return settings === undefined ? undefined : ladderOf(settings);
}

/** Schedules position `position` of a shelter's current run, unless it would fall after the alert closes. */
export async function scheduleLadderStep(
  w: Pick<Work, "reminders">,
  alert: Pick<ColdNightAlert, "id" | "partnershipId" | "closesAt">,
  shelter: Pick<ShelterResponse, "activityId" | "ladderBaseAt">,
  ladder: Ladder,
  run: number,
  position: number,
): Promise<void> {
  const dueAt = positionDueAt(ladder, shelter.ladderBaseAt, position);
  if (dueAt >= alert.closesAt) return;
  await w.reminders.schedule({
    key: coldNightKeys.step(alert.id, shelter.activityId, run, position),
    kind: COLD_NIGHT_KINDS.escalate,
    partnershipId: alert.partnershipId,
    dueAt,
    payload: { alertId: alert.id, activityId: shelter.activityId, run, position },
  });
}

/**
 * Stops a shelter's ladder: its scheduled steps are cancelled. The step handler re-reads the rows as well, so a step
 * already running when this commits does nothing.
 */
export async function stopLadder(w: Pick<Work, "reminders">, alertId: string, activityId: string): Promise<void> {
  await w.reminders.cancelByPrefix(coldNightKeys.ladder(alertId, activityId));
}
