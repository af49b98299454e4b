import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import type { Message } from "../chat/index.ts";
import { ensureReportFor } from "./report-cycle.ts";
import { localDate } from "./report-period.ts";
import { inReportTransaction, subjectOf, type ReportContext, type ReportService } from "./report-service.ts";
import { REPORT_OPEN, REPORT_OVERDUE, REPORT_REMINDER, reportReminderPayloadSchema, type ReportReminderPayload } from "./reports.jobs.ts";
import { escalationMessage, openingMessage, queuedSubmittedMessage, reminderMessage } from "./reports.view.ts";
import type { ReportsDeps } from "./reports.deps.ts";

/** The keys of what a report's reminders send; the notifier adds the recipient. */
const reportMessageKeys = {
  opening: (reportId: string) => `report:${reportId}:open`,
  queuedSubmitted: (reportId: string) => `report:${reportId}:queued-submitted`,
  reminder: (reportId: string, offsetDays: number) => `report:${reportId}:reminder:${offsetDays}`,
  escalation: (reportId: string, offsetDays: number) => `report:${reportId}:escalation:${offsetDays}`,
};

/**
 * The reminder handlers of reports: each re-reads the report and does nothing once it is submitted. Each runs as one
 * unit of work (the report, the opened conversations and every message commit together), so a repeated job records
 * nothing twice.
 */
export function createReportReminderHandlers(deps: ReportsDeps): ReminderHandler[] {
  const logger = deps.logger.child({ component: "reports.reminders" });

  async function openContext(service: ReportService, payload: ReportReminderPayload): Promise<ReportContext | undefined> {
    const report = await ensureReportFor(service, payload);
    if (report === undefined) return undefined;
    if ((await service.reports.latestVersion(report.id)) !== undefined) return undefined;
    return service.contextOf(report);
  }

  async function coordinatorsOf(service: ReportService, ctx: ReportContext): Promise<string[]> {
    const ids = await service.directory.coordinatorsOf(ctx.organisation.id);
    if (ids.length === 0)
      logger.warn({ organisationId: ctx.organisation.id, reportId: ctx.report.id }, "organisation has no coordinator to receive its report");
    return ids;
  }

  const open = defineReminder({
    kind: REPORT_OPEN,
    payload: reportReminderPayloadSchema,
    run: (_reminder, payload) =>
      inReportTransaction(deps, async (service, w) => {
        const report = await ensureReportFor(service, payload);
        if (report === undefined) return;
        // Finished before it opened: it is submitted now, and whoever finished it hears so; nobody is asked again.
        const queued = await service.reports.queued(report.id);
        if (queued !== undefined && (await service.reports.latestVersion(report.id)) === undefined) {
          const ctx = await service.contextOf(report);
          const version = await service.submit(ctx, { answers: queued.answers, memberId: queued.memberId, via: queued.via });
          const compose = ({ locale }: { locale: "sv" | "en" }) => queuedSubmittedMessage(ctx, locale, version.version);
          await w.notifier.toMember(queued.memberId, compose, { key: reportMessageKeys.queuedSubmitted(report.id) });
          return;
        }
        const ctx = await openContext(service, payload);
        if (ctx === undefined) return;
        for (const memberId of await coordinatorsOf(service, ctx)) {
          // Someone mid-way through another report keeps it; this one waits behind a button.
          const active = await service.conversations.activeFor(memberId);
          const session =
            active === undefined || active.subject === subjectOf(ctx.report.id) ? (await service.beginConversation(ctx, memberId)).session : undefined;
          const compose = ({ locale }: { locale: "sv" | "en" }) =>
            openingMessage(ctx, locale, session, session && service.conversations.render(session, locale, { opening: true }));
          await w.notifier.toMember(memberId, compose, { key: reportMessageKeys.opening(ctx.report.id) });
        }
      }),
  });

  const remind = (kind: string): ReminderHandler =>
    defineReminder({
      kind,
      payload: reportReminderPayloadSchema,
      run: (_reminder, payload) =>
        inReportTransaction(deps, async (service, w) => {
          const ctx = await openContext(service, payload);
          if (ctx === undefined) return;
          // Counted from today, not from the row: a snoozed reminder arrives on another day than it was set for.
          const zone = ctx.partnership.timeZone;
          const offset = Math.round((Date.parse(localDate(deps.clock.now(), zone)) - Date.parse(localDate(ctx.report.deadlineAt, zone))) / 86_400_000);
          const recipients = payload.memberId === undefined ? await coordinatorsOf(service, ctx) : [payload.memberId];
          const key = reportMessageKeys.reminder(ctx.report.id, offset);
          for (const id of recipients) await w.notifier.toMember(id, ({ locale }): Message => reminderMessage(ctx, locale, offset), { key });
          if (kind !== REPORT_OVERDUE || payload.memberId !== undefined) return;
          // A requested report is overdue to whoever asked for it; a cycle's to the partnership's report coordinator.
          const coordinator = ctx.report.requestedBy ?? (await service.directory.memberByKey(ctx.partnership.id, ctx.settings.coordinator))?.id;
          if (coordinator === undefined) {
            logger.warn({ partnershipId: ctx.partnership.id, key: ctx.settings.coordinator }, "no partnership coordinator to escalate an overdue report to");
            return;
          }
          const names = await Promise.all(recipients.map((id) => service.directory.displayName(id)));
          await w.notifier.toMember(coordinator, ({ locale }) => escalationMessage(ctx, locale, names), {
            key: reportMessageKeys.escalation(ctx.report.id, offset),
          });
        }),
    });

  return [open, remind(REPORT_REMINDER), remind(REPORT_OVERDUE)];
}
