import type { Actor } from "../app/feature.ts";
import type { Message } from "../chat/index.ts";
import { hasAnyRole } from "../partnerships/index.ts";
import { createFormatters, createTranslator } from "../shared/i18n.ts";
import { contractStartOf, ensureReportFor } from "./report-cycle.ts";
import { localDate, nextPeriod, periodContaining, type ReportPeriod } from "./report-period.ts";
import { reportReminderKey, reportTimes, type ReportTimes } from "./report-schedule.ts";
import { inReportTransaction, type ReportService } from "./report-service.ts";
import { loadReportSettings, type ReportCycle, type ReportSettings } from "./report-settings.ts";
import type { ReportingPartnership } from "./report-directory.ts";
import type { ReportChat, Say } from "./reports.conversation.ts";
import type { ReportsDeps } from "./reports.deps.ts";
import { REPORT_OPEN, type ReportReminderPayload } from "./reports.jobs.ts";
import { reportsMessages } from "./reports.messages.ts";
import { resolveTemplate } from "./report-templates.ts";
import { plain } from "./reports.view.ts";

/** The action of the "Börja nu" button; its value is `<form>|<period>`. */
export const EARLY_START_ACTION = "report.early";

/** The report of the partnership's cycles that opens next after `now`. */
export function nextOpening(
  settings: ReportSettings,
  partnership: ReportingPartnership,
  now: Date,
): { cycle: ReportCycle; period: ReportPeriod; times: ReportTimes } | undefined {
  const contractStart = contractStartOf(partnership);
  const zone = partnership.timeZone;
  let next: { cycle: ReportCycle; period: ReportPeriod; times: ReportTimes } | undefined;
  for (const cycle of settings.cycles) {
    let period = periodContaining(cycle.period, localDate(now, zone), contractStart);
    // A form may open before its period ends, so the period after today's may be the next to open.
    for (let i = 0; i < 3 && reportTimes(period, cycle, zone).opensAt <= now; i++) period = nextPeriod(period, contractStart);
    const times = reportTimes(period, cycle, zone);
    if (times.opensAt > now && (next === undefined || times.opensAt < next.times.opensAt)) next = { cycle, period, times };
  }
  return next;
}

/** Starting a report before it opens: what `rapport` says on a day with nothing open, and the button it offers. */
export function createEarlyStart(deps: ReportsDeps, service: ReportService, chat: ReportChat) {
  /** Names the next report, when it opens and is due, and lets a coordinator start it now. */
  async function nothingOpenMessage(actor: Actor): Promise<Message> {
    const t = createTranslator(reportsMessages, actor.locale, actor.partnership.timeZone);
    const [loaded, partnership] = await Promise.all([loadReportSettings(deps.db, actor.partnership.id), service.directory.partnership(actor.partnership.id)]);
    const settings = loaded.settings.get(actor.partnership.id);
    const next = settings === undefined || partnership === undefined ? undefined : nextOpening(settings, partnership, deps.clock.now());
    if (next === undefined || settings === undefined) return plain(t("next.none_scheduled"));
    const f = createFormatters(actor.locale, actor.partnership.timeZone);
    const form = resolveTemplate(next.cycle.form, settings).title[actor.locale];
    const lines = [t("next.none_open", { form, period: next.period.label, opens: f.dateTime(next.times.opensAt), deadline: f.date(next.times.deadlineAt) })];
    if (!hasAnyRole(actor.member, ["coordinator"])) return plain([...lines, t("next.start_other")].join(" "));
    lines.push(t(settings.earlySubmission ? "next.start_coordinator_allowed" : "next.start_coordinator"));
    const text = lines.join(" ");
    const button = { actionId: EARLY_START_ACTION, label: t("next.start_button"), value: `${next.cycle.form}|${next.period.label}`, style: "primary" as const };
    return {
      text,
      blocks: [
        { type: "text", text },
        { type: "buttons", buttons: [button] },
      ],
    };
  }

  /**
   * Creates the report ahead of its opening and starts the conversation. The opening row is written with it, so
   * answers finished early are submitted when it opens even if the daily tick has not reached the period yet.
   */
  async function start(value: string, actor: Actor, say: Say): Promise<void> {
    const t = createTranslator(reportsMessages, actor.locale, actor.partnership.timeZone);
    const organisationId = actor.member.organisationId;
    if (organisationId === null || !hasAnyRole(actor.member, ["coordinator"])) return void (await say(plain(t("early.forbidden"))));
    const [form = "", period = ""] = value.split("|");
    const payload: ReportReminderPayload = { partnershipId: actor.partnership.id, form, period, organisationId };
    const report = await inReportTransaction(deps, async (tx, w) => {
      const found = await ensureReportFor(tx, payload);
      if (found === undefined) return undefined;
      const key = reportReminderKey(form, found.period, organisationId, "open");
      await w.reminders.schedule({ key, kind: REPORT_OPEN, partnershipId: found.partnershipId, dueAt: found.opensAt, payload });
      return found;
    });
    if (report === undefined) return void (await say(plain(t("next.none_scheduled"))));
    await chat.startInChat(await service.contextOf(report), actor, say);
  }

  return { nothingOpenMessage, start };
}

export type EarlyStart = ReturnType<typeof createEarlyStart>;
