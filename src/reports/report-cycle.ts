import type { RecurringTask } from "../app/feature.ts";
import { addDays, localDate, parsePeriodLabel, periodContaining, previousPeriod, type ReportPeriod } from "./report-period.ts";
import type { Report } from "./report.repository.ts";
import { offsetStep, reminderTime, reportReminderKey, reportTimes } from "./report-schedule.ts";
import type { ReportService } from "./report-service.ts";
import { loadReportSettings, type ReportCycle, type ReportSettings } from "./report-settings.ts";
import type { ReportingPartnership } from "./report-directory.ts";
import { scheduleExtensionReminders } from "./extension-deadline.ts";
import { REPORT_OPEN, REPORT_OVERDUE, REPORT_REMINDER, type ReportReminderPayload } from "./reports.jobs.ts";
import type { ReportsDeps } from "./reports.deps.ts";

const DAY_MS = 86_400_000;
// The tick runs daily: look a little ahead so a form opening before tomorrow's tick is queued today.
const LOOKAHEAD_DAYS = 2;

/** The agreement's start as MM-DD: contract years run from it. */
export const contractStartOf = (p: ReportingPartnership): string => p.periodStart.slice(5);

/** Periods of `cycle` that open within the lookahead and still have a reminder or escalation to come. */
function activePeriods(cycle: ReportCycle, settings: ReportSettings, partnership: ReportingPartnership, now: Date): ReportPeriod[] {
  const contractStart = contractStartOf(partnership);
  const today = localDate(now, partnership.timeZone);
  const lastOffset = Math.max(0, ...settings.reminderOffsetsDays);
  let period = periodContaining(cycle.period, addDays(today, cycle.opensDaysBeforeEnd + LOOKAHEAD_DAYS), contractStart);
  const found: ReportPeriod[] = [];
  for (let i = 0; i < 48; i++) {
    const times = reportTimes(period, cycle, partnership.timeZone);
    if (reminderTime(times.deadlineDate, lastOffset, partnership.timeZone).getTime() < now.getTime() - DAY_MS) break;
    if (times.opensAt.getTime() <= now.getTime() + LOOKAHEAD_DAYS * DAY_MS) found.push(period);
    period = previousPeriod(period, contractStart);
  }
  return found;
}

/** The report a reminder row is about, created if its opening never ran; undefined when the cycle was removed. */
export async function ensureReportFor(
  service: ReportService,
  payload: Pick<ReportReminderPayload, "partnershipId" | "form" | "period" | "organisationId">,
): Promise<Report | undefined> {
  const existing = await service.reports.find(payload.partnershipId, payload.organisationId, payload.form, payload.period);
  if (existing !== undefined) return existing;
  const [{ settings }, partnership] = await Promise.all([
    loadReportSettings(service.db, payload.partnershipId),
    service.directory.partnership(payload.partnershipId),
  ]);
  const cycle = settings.get(payload.partnershipId)?.cycles.find((c) => c.form === payload.form);
  if (partnership === undefined || cycle === undefined) return undefined;
  const period = parsePeriodLabel(payload.period, contractStartOf(partnership));
  if (period === undefined) return undefined;
  const times = reportTimes(period, cycle, partnership.timeZone);
  return service.reports.ensure({
    partnershipId: payload.partnershipId,
    organisationId: payload.organisationId,
    form: payload.form,
    period: period.label,
    periodStart: period.start,
    periodEnd: period.end,
    opensAt: times.opensAt,
    deadlineAt: times.deadlineAt,
  });
}

/** The daily tick: turns each partnership's cycles into opening, reminder and escalation rows (safe to repeat). */
export function createReportCycleTask(deps: ReportsDeps, service: ReportService): RecurringTask {
  const logger = deps.logger.child({ component: "reports.cycle" });
  return {
    name: "reports.cycle",
    cron: "15 6 * * *",
    async run(now) {
      const { settings, invalid } = await loadReportSettings(deps.db);
      for (const bad of invalid)
        logger.error({ partnershipId: bad.partnershipId, error: bad.error }, "report settings do not parse; no reports scheduled for the partnership");
      for (const [partnershipId, partnershipSettings] of settings) {
        const partnership = await service.directory.partnership(partnershipId);
        if (partnership === undefined) continue;
        await scheduleCycles(partnership, partnershipSettings, now);
        await scheduleExtensionReminders(deps, service, partnership, partnershipSettings, now);
      }
    },
  };

  async function scheduleCycles(partnership: ReportingPartnership, settings: ReportSettings, now: Date): Promise<void> {
    const organisations = await service.directory.organisations(partnership.id);
    for (const cycle of settings.cycles) {
      for (const period of activePeriods(cycle, settings, partnership, now)) {
        const times = reportTimes(period, cycle, partnership.timeZone);
        for (const organisation of organisations) {
          const report = await service.reports.find(partnership.id, organisation.id, cycle.form, period.label);
          // A submitted report gets no more rows, even if the settings changed after it was cancelled; a requested one
          // keeps the requested deadline's rows.
          if (report !== undefined && (report.requestedBy !== undefined || (await service.reports.latestVersion(report.id)) !== undefined)) continue;
          const payload: ReportReminderPayload = { partnershipId: partnership.id, form: cycle.form, period: period.label, organisationId: organisation.id };
          const key = (step: string) => reportReminderKey(cycle.form, period.label, organisation.id, step);
          await deps.reminders.schedule({ key: key("open"), kind: REPORT_OPEN, partnershipId: partnership.id, dueAt: times.opensAt, payload });
          for (const offset of settings.reminderOffsetsDays) {
            const dueAt = reminderTime(times.deadlineDate, offset, partnership.timeZone);
            // Nothing before the form opens, and no stale reminder for a day already gone.
            if (dueAt < times.opensAt || dueAt.getTime() < now.getTime() - DAY_MS) continue;
            const kind = offset > 0 ? REPORT_OVERDUE : REPORT_REMINDER;
            await deps.reminders.schedule({ key: key(offsetStep(offset)), kind, partnershipId: partnership.id, dueAt, payload });
          }
        }
      }
    }
    logger.debug({ partnershipId: partnership.id }, "report cycles scheduled");
  }
}
