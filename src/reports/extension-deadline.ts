import { defineReminder, type ReminderHandler } from "../app/feature.ts";
import type { Reminders } from "../reminders/reminder.ts";
import { createTranslator } from "../shared/i18n.ts";
import { addDays, localDate, localInstant } from "./report-period.ts";
import type { ReportingPartnership } from "./report-directory.ts";
import type { ReportService } from "./report-service.ts";
import type { ReportSettings } from "./report-settings.ts";
import { textMessage } from "../chat/index.ts";
import { REPORT_EXTENSION, extensionReminderPayloadSchema } from "./reports.jobs.ts";
import type { ReportsDeps } from "./reports.deps.ts";
import { reportsMessages } from "./reports.messages.ts";

const DAY_MS = 86_400_000;

/**
 * The written-extension deadline of the current agreement period: the last MM-DD before the period ends
 * (1 February before a 30 April end). Undefined when it has passed, when the agreement cannot be extended
 * further, or when there is no such deadline.
 */
export function nextExtensionDeadline(partnership: ReportingPartnership, today: string): string | undefined {
  const monthDay = partnership.extensionDeadline;
  if (monthDay === null || partnership.extensionUntil === null || partnership.extensionUntil <= partnership.periodEnd) return undefined;
  const deadline = extensionDeadlineOf(partnership.periodEnd, monthDay);
  return deadline >= today ? deadline : undefined;
}

/** The written-extension deadline of the period ending `periodEnd`: the last `monthDay` (MM-DD) on or before it. */
export function extensionDeadlineOf(periodEnd: string, monthDay: string): string {
  const endYear = Number(periodEnd.slice(0, 4));
  return [endYear, endYear - 1].map((y) => `${y}-${monthDay}`).find((d) => d <= periodEnd)!;
}

/** The key of one period's extension question: its agenda item is the key, its reminders `<key>:days-N`. */
export function extensionKey(partnershipId: string, deadline: string): string {
  return `extension:${partnershipId}:${deadline}`;
}

/**
 * Stops the extension-deadline reminders of the period that ended at `periodEnd` once its extension is decided
 * (extended or ending); returns how many were still to come. A later period's reminders are scheduled by the tick.
 */
export async function stopExtensionReminders(reminders: Reminders, partnershipId: string, periodEnd: string, monthDay: string | null): Promise<number> {
  if (monthDay === null) return 0;
  return reminders.cancelByPrefix(`${extensionKey(partnershipId, extensionDeadlineOf(periodEnd, monthDay))}:`);
}

/** Schedules the styrgrupp's reminders before the extension deadline and puts the item on its agenda in time. */
export async function scheduleExtensionReminders(
  deps: ReportsDeps,
  service: ReportService,
  partnership: ReportingPartnership,
  settings: ReportSettings,
  now: Date,
): Promise<void> {
  const deadline = nextExtensionDeadline(partnership, localDate(now, partnership.timeZone));
  if (deadline === undefined) return;
  for (const daysBefore of settings.extensionReminderDaysBefore) {
    const dueAt = localInstant(addDays(deadline, -daysBefore), "09:00", partnership.timeZone);
    if (dueAt.getTime() < now.getTime() - DAY_MS) continue;
    await deps.reminders.schedule({
      key: `${extensionKey(partnership.id, deadline)}:days-${daysBefore}`,
      kind: REPORT_EXTENSION,
      partnershipId: partnership.id,
      dueAt,
      payload: { partnershipId: partnership.id, deadline, daysBefore },
    });
  }
  const earliest = localInstant(addDays(deadline, -Math.max(...settings.extensionReminderDaysBefore, 0)), "00:00", partnership.timeZone);
  if (deps.agenda === undefined || now < earliest) return;
  const before = localInstant(deadline, "00:00", partnership.timeZone);
  for (const group of await service.directory.styrgrupper(partnership.id)) {
    await deps.agenda.addItem({
      partnershipId: partnership.id,
      groupId: group.id,
      key: extensionKey(partnership.id, deadline),
      title: { sv: agendaTitle("sv", deadline), en: agendaTitle("en", deadline) },
      before,
    });
  }
}

function agendaTitle(locale: "sv" | "en", deadline: string): string {
  return createTranslator(reportsMessages, locale)("extension.agenda", { deadline });
}

/**
 * Reminds the styrgrupp in its channels (or directly, when it has none) unless the deadline has moved; every copy is
 * recorded in one unit of work under the reminder's key, so a repeated job records nothing twice.
 */
export function createExtensionReminderHandler(deps: ReportsDeps, service: ReportService): ReminderHandler {
  return defineReminder({
    kind: REPORT_EXTENSION,
    payload: extensionReminderPayloadSchema,
    async run(_reminder, payload) {
      const partnership = await service.directory.partnership(payload.partnershipId);
      if (partnership === undefined) return;
      const today = localDate(deps.clock.now(), partnership.timeZone);
      // The agreement was extended or its terms changed since the row was written: this reminder no longer applies.
      if (nextExtensionDeadline(partnership, today) !== payload.deadline) return;
      const days = Math.round((Date.parse(payload.deadline) - Date.parse(today)) / DAY_MS);
      const compose = ({ locale }: { locale: "sv" | "en" }) => {
        const t = createTranslator(reportsMessages, locale, partnership.timeZone);
        const text = t("extension.reminder", { partnership: partnership.name, deadline: payload.deadline, days: t("days", { n: days }) });
        // From the first reminder on, the people who may record the decision are told how.
        return textMessage(text, t("extension.howToRecord", { until: partnership.extensionUntil ?? payload.deadline }));
      };
      const key = { key: `extension:${partnership.id}:${payload.deadline}:reminder:${payload.daysBefore}` };
      await deps.transact(async (w) => {
        for (const group of await service.directory.styrgrupper(partnership.id)) {
          const posted = await w.notifier.toChannels(partnership.id, { purpose: "group", groupId: group.id }, compose, key);
          if (posted > 0) continue;
          for (const memberId of group.memberIds) await w.notifier.toMember(memberId, compose, key);
        }
      });
    },
  });
}
