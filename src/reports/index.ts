import type { ActionHandler, DirectMessageHandler, Feature, FormHandler } from "../app/feature.ts";
import { readFormValues, typedAnswers, warnAboutTextAnswers } from "../forms/index.ts";
import { createTranslator } from "../shared/i18n.ts";
import { createExtensionReminderHandler } from "./extension-deadline.ts";
import { createReportCycleTask } from "./report-cycle.ts";
import { createEarlyStart, EARLY_START_ACTION } from "./report-early.ts";
import { createReportRequestCommand, isRequestCommand } from "./report-request.ts";
import { createAlertsPrefill } from "./report-prefill.alerts.ts";
import { localDate } from "./report-period.ts";
import { createReportReminderHandlers } from "./report.reminders.ts";
import { reportReminderKey, tomorrowMorning } from "./report-schedule.ts";
import { CorrectionClosedError, createReportService } from "./report-service.ts";
import { REPORT_REMINDER } from "./reports.jobs.ts";
import { createReportCommand, isReportCommand } from "./reports.commands.ts";
import { createReportChat } from "./reports.conversation.ts";
import type { ReportsDeps } from "./reports.deps.ts";
import { reportsMessages } from "./reports.messages.ts";
import { plain, reportWords } from "./reports.view.ts";

export type { AgendaPort, ReportsDeps } from "./reports.deps.ts";
export type { PrefillQuery, ReportPrefillSources } from "./report-prefill.ts";
export { createAlertsPrefill } from "./report-prefill.alerts.ts";
export { reportSection, reportSettingsSchema, templateOverrideSchema, type ReportSettings } from "./report-settings.ts";
export { compileReports, type Compilation } from "./compile-report.ts";
export { createReportCompileCommand } from "./reports.cli.ts";
export { extensionDeadlineOf, extensionKey, stopExtensionReminders } from "./extension-deadline.ts";

const DRAFT_RETENTION_DAYS = 30;

/** The reports capability: report cycles, conversational and one-view filling in, reminders, compilation. */
export function createReportsFeature(given: ReportsDeps): Feature {
  // Without other sources, reports are prefilled from what the alerts capability recorded.
  const deps: ReportsDeps = { ...given, prefill: given.prefill ?? createAlertsPrefill(given.db) };
  const service = createReportService(deps);
  const chat = createReportChat(service);
  const early = createEarlyStart(deps, service, chat);

  // An open conversation takes every direct message, except a new `rapport …` command.
  const conversation: DirectMessageHandler = async (ctx) => {
    if (isReportCommand(ctx.args) || isRequestCommand(ctx.args)) return false;
    const turn = await service.conversations.reply(ctx.actor.member.id, ctx.args, ctx.actor.locale, ctx.event);
    if (turn === undefined) return false;
    await chat.handleTurn(turn, ctx.actor, ctx.reply);
    return true;
  };

  const actions: ActionHandler = {
    prefix: "report.",
    async run({ event, actor, reply }) {
      const gone = () => reply.whisper(plain(createTranslator(reportsMessages, actor.locale)("gone")));
      if (event.actionId === EARLY_START_ACTION) return early.start(event.value, actor, (m) => reply.whisper(m));
      if (event.actionId === "report.submit" || event.actionId === "report.edit") {
        const turn = await service.conversations.press(event.value, actor.member.id, event.actionId === "report.submit" ? "submit" : "edit", actor.locale);
        return turn === undefined ? gone() : chat.handleTurn(turn, actor, reply);
      }
      const report = await chat.ownedReport(event.value, actor);
      if (report === undefined) return gone();
      const ctx = await service.contextOf(report);
      switch (event.actionId) {
        case "report.start":
          return chat.startInChat(ctx, actor, (m) => reply.whisper(m));
        case "report.form":
          return reply.openForm(await chat.formViewOf(ctx, actor));
        case "report.snooze": {
          const zone = ctx.partnership.timeZone;
          const dueAt = tomorrowMorning(localDate(deps.clock.now(), zone), zone);
          await deps.reminders.schedule(
            {
              key: reportReminderKey(report.form, report.period, report.organisationId, `snooze:${actor.member.id}`),
              kind: REPORT_REMINDER,
              partnershipId: report.partnershipId,
              dueAt,
              payload: {
                partnershipId: report.partnershipId,
                form: report.form,
                period: report.period,
                organisationId: report.organisationId,
                memberId: actor.member.id,
              },
            },
            { rearm: true },
          );
          const { t, f } = reportWords(ctx, actor.locale);
          return reply.whisper(plain(t("reminder.snoozed", { time: f.time(dueAt) })));
        }
      }
    },
  };

  const form: FormHandler = {
    prefix: "report.",
    async submit({ event, actor }) {
      const report = await chat.ownedReport(event.state, actor);
      if (report === undefined) return { ok: false, errors: { "": createTranslator(reportsMessages, actor.locale)("gone") } };
      const ctx = await service.contextOf(report);
      const reading = readFormValues(ctx.definition, event.values, actor.locale);
      const refuse = async (errors: Record<string, string>) => ({
        ok: false as const,
        errors,
        form: await chat.formViewOf(ctx, actor, { answers: typedAnswers(event.values, reading), errors }),
      });
      if (!reading.ok) return refuse(reading.errors);
      const warnings = await warnAboutTextAnswers(
        deps.db,
        { memberId: actor.member.id, formId: ctx.definition.id },
        ctx.definition,
        reading.answers,
        actor.locale,
        deps.clock.now(),
      );
      if (Object.keys(warnings).length > 0) return refuse(warnings);
      try {
        const handedIn = await service.submitOrQueue(ctx, { answers: reading.answers, memberId: actor.member.id, via: "form" });
        return { ok: true, message: chat.handedInMessage(ctx, actor, handedIn) };
      } catch (error) {
        if (!(error instanceof CorrectionClosedError)) throw error;
        return { ok: false, errors: { [ctx.definition.fields[0]!.id]: chat.closedMessage(ctx, actor).text } };
      }
    },
  };

  return {
    name: "reports",
    commands: [createReportCommand(deps, service, chat, early), createReportRequestCommand(deps, service)],
    actions: [actions],
    forms: [form],
    directMessages: [conversation],
    reminders: [...createReportReminderHandlers(deps), createExtensionReminderHandler(deps, service)],
    recurring: [
      createReportCycleTask(deps, service),
      // Drafts may hold free text a person never sent; once finished they are kept a month, then forgotten.
      { name: "reports.purge-drafts", cron: "40 3 * * *", run: async () => void (await service.conversations.purgeClosed(DRAFT_RETENTION_DAYS)) },
    ],
  };
}
