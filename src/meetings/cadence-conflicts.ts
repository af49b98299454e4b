import type { Cadence, ImportNotes } from "../partnerships/index.ts";
import { createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { emptiedByBlackouts, exemptionOf, yearMonthOf } from "./cadence-months.ts";
import { localDateOf, monthIndexOf } from "./local-dates.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import type { MeetingSettings } from "./meeting-settings.ts";
import { termWindows, type TermWindow } from "./term-plan.ts";
import { addDays, createWorkingDays, type LocalDate } from "./working-days.ts";

/** Where a group's blackouts and its cadence cannot both hold, so a blackout yields (or a term has no day at all). */
export type CadenceConflict = { kind: "months"; cadenceMonths: number; /** `2027-07`, in order */ months: string[] } | { kind: "terms"; terms: TermWindow[] };

/**
 * The months in `from`–`until` whose working days all lie in blackouts although the cadence needs a meeting
 * there: a run of such months (exempt months skipped, not counted) as long as the cadence's N. Undefined when
 * the configuration holds as written.
 */
export function findCadenceConflict(settings: MeetingSettings, cadence: Cadence, from: LocalDate, until: LocalDate): CadenceConflict | undefined {
  const days = createWorkingDays(settings.blackouts);
  if (cadence.kind === "term") {
    const blocked = termWindows(settings.terms, from, until).filter((w) => w.from >= from && !hasSuitableDay(days, w.from, w.to));
    return blocked.length === 0 ? undefined : { kind: "terms", terms: blocked };
  }
  const [first, last] = [monthIndexOf(from), monthIndexOf(until)];
  const needed = new Set<number>();
  let run: number[] = [];
  // Runs may start before the window and end after it: look a cadence's length beyond both ends.
  for (let m = first - cadence.months; m <= last + cadence.months + 1; m++) {
    const exempt = exemptionOf(settings.exemptMonths, m) !== undefined;
    if (exempt) continue;
    if (m <= last + cadence.months && emptiedByBlackouts(days, m)) {
      run.push(m);
      continue;
    }
    if (run.length >= cadence.months) run.forEach((r) => needed.add(r));
    run = [];
  }
  const months = [...needed]
    .filter((m) => m >= first && m <= last)
    .sort((a, b) => a - b)
    .map(yearMonthOf);
  return months.length === 0 ? undefined : { kind: "months", cadenceMonths: cadence.months, months };
}

function hasSuitableDay(days: ReturnType<typeof createWorkingDays>, from: LocalDate, to: LocalDate): boolean {
  for (let d = from; d <= to; d = addDays(d, 1)) if (days.isSuitable(d)) return true;
  return false;
}

/** The conflict in one line naming the months (`withYear: false`: the months of the year, as the file means them). */
export function describeCadenceConflict(group: string, conflict: CadenceConflict, t: Translate<MeetingMessageKey>, withYear = true): string {
  if (conflict.kind === "terms") return t("plan.conflict.terms", { group, terms: conflict.terms.map((w) => `${w.from}–${w.to}`).join(", ") });
  return t("plan.conflict.months", { group, every: conflict.cadenceMonths, months: conflict.months.join(","), withYear: withYear ? 1 : 0 });
}

/** Two years ahead shows every month an annual blackout takes, whatever the day of the week falls on. */
const IMPORT_HORIZON_DAYS = 731;

/** `samverka import`'s note per group whose blackouts and cadence collide, naming the months once. */
export function createCadenceImportNotes(locale: Locale): ImportNotes {
  const t = createTranslator(meetingMessages, locale);
  return (file, now) => {
    const today = localDateOf(now, file.timeZone);
    const until = addDays(today, IMPORT_HORIZON_DAYS);
    return file.groups.flatMap((group) => {
      const cadence: Cadence = group.cadence.atLeastEveryMonths === undefined ? { kind: "term" } : { kind: "months", months: group.cadence.atLeastEveryMonths };
      const conflict = findCadenceConflict(group.meetings, cadence, today, until);
      return conflict === undefined ? [] : [describeCadenceConflict(group.name, conflict, t, cadence.kind === "term")];
    });
  };
}
