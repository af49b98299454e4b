import type { ReminderHandler } from "../app/feature.ts";
import type { Message } from "../chat/message.ts";
import { ensureReportFor } from "./report-cycle.ts";
import { localDate } from "./report-period.ts";
import { subjectOf, type ReportContext, type ReportService } from "./report-service.ts";
import { REPORT_OPEN, REPORT_OVERDUE, REPORT_REMINDER, reportReminderPayloadSchema } from "./reports.jobs.ts";
import { escalationMessage, openingMessage, reminderMessage } from "./reports.view.ts";
import type { ReportsDeps } from "./reports.deps.ts";

/** The reminder handlers of reports: each re-reads the report and does nothing once it is submitted. */
export function createReportReminderHandlers(deps: ReportsDeps, service: ReportService): ReminderHandler[] {
  const logger = deps.logger.child({ component: "reports.reminders" });

  async function openContext(payload: unknown): Promise<{ ctx: ReportContext; memberId?: string } | undefined> {
    const parsed = reportReminderPayloadSchema.parse(payload);
    const report = await ensureReportFor(service, parsed);
    if (report === undefined) return undefined;
    if ((await service.reports.latestVersion(report.id)) !== undefined) return undefined;
    return { ctx: await service.contextOf(report), memberId: parsed.memberId };
  }

  async function coordinatorsOf(ctx: ReportContext): Promise<string[]> {
    const ids = await service.directory.coordinatorsOf(ctx.organisation.id);
    if (ids.length === 0) logger.warn({ organisationId: ctx.organisation.id, reportId: ctx.report.id }, "organisation has no coordinator to receive its report");
    return ids;
  }

  const open: ReminderHandler = {
    kind: REPORT_OPEN,
    async run(reminder) {
      const found = await openContext(reminder.payload);
      if (found === undefined) return;
      const { ctx } = found;
      for (const memberId of await coordinatorsOf(ctx)) {
        // Someone mid-way through another report keeps it; this one waits behind a button.
        const active = await service.conversations.activeFor(memberId);
        const session = active === undefined || active.subject === subjectOf(ctx.report.id) ? (await service.beginConversation(ctx, memberId)).session : undefined;
        await deps.notifier.toMember(memberId, ({ locale }) =>
          openingMessage(ctx, locale, session && service.conversations.render(session, locale, { opening: true })),
        );
      }
    },
  };

  const remind = (kind: string): ReminderHandler => ({
    kind,
    async run(reminder) {
      const found = await openContext(reminder.payload);
      if (found === undefined) return;
      const { ctx, memberId } = found;
      // Counted from today, not from the row: a snoozed reminder arrives on another day than it was set for.
      const zone = ctx.partnership.timeZone;
      const offset = Math.round((Date.parse(localDate(deps.clock.now(), zone)) - Date.parse(localDate(ctx.report.deadlineAt, zone))) / 86_400_000);
      const recipients = memberId === undefined ? await coordinatorsOf(ctx) : [memberId];
      for (const id of recipients) await deps.notifier.toMember(id, ({ locale }): Message => reminderMessage(ctx, locale, offset));
      if (kind !== REPORT_OVERDUE || memberId !== undefined) return;
      const coordinator = await service.directory.memberByKey(ctx.partnership.id, ctx.settings.coordinator);
      if (coordinator === undefined) {
        logger.warn({ partnershipId: ctx.partnership.id, key: ctx.settings.coordinator }, "no partnership coordinator to escalate an overdue report to");
        return;
      }
      const names = await Promise.all(recipients.map((id) => service.directory.displayName(id)));
      await deps.notifier.toMember(coordinator.id, ({ locale }) => escalationMessage(ctx, locale, names));
    },
  });

  return [open, remind(REPORT_REMINDER), remind(REPORT_OVERDUE)];
}
