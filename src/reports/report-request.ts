import type { CommandContext, CommandHandler, CommandWords } from "../app/feature.ts";
import { hasAnyRole } from "../partnerships/index.ts";
import { createFormatters, createTranslator } from "../shared/i18n.ts";
import { contractStartOf } from "./report-cycle.ts";
import type { ReportingOrganisation } from "./report-directory.ts";
import { addDays, localDate, localInstant, parsePeriodLabel } from "./report-period.ts";
import { offsetStep, reminderTime, reportReminderKey } from "./report-schedule.ts";
import { inReportTransaction, type ReportService } from "./report-service.ts";
import { loadReportSettings } from "./report-settings.ts";
import { availableForms, resolveTemplate } from "./report-templates.ts";
import type { ReportsDeps } from "./reports.deps.ts";
import { REPORT_OPEN, REPORT_OVERDUE, REPORT_REMINDER, type ReportReminderPayload } from "./reports.jobs.ts";
import { reportsMessages } from "./reports.messages.ts";
import { plain } from "./reports.view.ts";

/** `begär rapport …` / `request report …`: the command word, then the reports word. */
export const REQUEST_WORDS: CommandWords = { sv: ["begär", "begar"], en: ["request"] };
const REPORT_WORDS = ["rapport", "report"];
const BY_WORDS = ["senast", "by", "deadline"];
const ALL_WORDS = ["alla", "all"];
const DEFAULT_DEADLINE_DAYS = 14;

/** Folds a name as people type it: lower case, no diacritics, hyphens for spaces ("Ny Gemenskap" → ny-gemenskap). */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, "-");

/** Whether a message is `begär rapport …`, so an open conversation does not take it as an answer. */
export function isRequestCommand(text: string): boolean {
  const [word = "", sub = ""] = text.trim().toLowerCase().split(/\s+/);
  return [...REQUEST_WORDS.sv, ...REQUEST_WORDS.en].includes(word) && REPORT_WORDS.includes(sub);
}

/**
 * `begär rapport <form> <period> [senast YYYY-MM-DD] [organisation …]`: the administration asks organisations for a
 * report outside the cycle. Each report opens now, and its opening, reminders and overdue escalation are rows of the
 * normal cycle, written with it in one unit of work.
 */
export function createReportRequestCommand(deps: ReportsDeps, service: ReportService): CommandHandler {
  return { words: REQUEST_WORDS, help: (locale) => createTranslator(reportsMessages, locale)("help.request"), run };

  async function run(ctx: CommandContext): Promise<void> {
    const { member, partnership, locale } = ctx.actor;
    const t = createTranslator(reportsMessages, locale, partnership.timeZone);
    const say = (text: string) => ctx.reply.whisper(plain(text));
    const settings = (await loadReportSettings(deps.db, partnership.id)).settings.get(partnership.id);
    if (settings === undefined || (!hasAnyRole(member, ["admin"]) && member.key !== settings.coordinator))
      return void (await ctx.reply.whisper(plain(t("request.forbidden"))));
    const directory = await service.directory.partnership(partnership.id);
    const organisations = await service.directory.organisations(partnership.id);
    if (directory === undefined) return;
    const forms = availableForms(settings);
    const usage = () => say(t("request.usage", { days: DEFAULT_DEADLINE_DAYS, forms: forms.join(", "), orgs: organisations.map((o) => o.key).join(", ") }));

    const [reportWord = "", formWord, periodWord, ...rest] = ctx.args.split(/[\s,]+/).filter((w) => w !== "");
    if (!REPORT_WORDS.includes(reportWord.toLowerCase()) || formWord === undefined || periodWord === undefined) return void (await usage());
    const form = forms.find((id) => id === fold(formWord) || fold(resolveTemplate(id, settings).title[locale]) === fold(formWord));
    if (form === undefined) return void (await say(t("request.bad_form", { form: formWord, forms: forms.join(", ") })));
    const period = parsePeriodLabel(periodWord, contractStartOf(directory));
    if (period === undefined) return void (await say(t("request.bad_period", { period: periodWord })));

    const now = deps.clock.now();
    const zone = partnership.timeZone;
    const today = localDate(now, zone);
    let deadlineDate = addDays(today, DEFAULT_DEADLINE_DAYS);
    const chosen: ReportingOrganisation[] = [];
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!;
      if (BY_WORDS.includes(word.toLowerCase())) {
        const date = rest[++i] ?? "";
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)) || date < today) {
          return void (await say(t("request.bad_deadline", { deadline: date, example: addDays(today, DEFAULT_DEADLINE_DAYS) })));
        }
        deadlineDate = date;
      } else if (ALL_WORDS.includes(word.toLowerCase())) {
        chosen.push(...organisations);
      } else {
        const organisation = organisations.find((o) => o.key === fold(word) || fold(o.name) === fold(word));
        if (organisation === undefined) return void (await say(t("request.bad_org", { org: word, orgs: organisations.map((o) => o.key).join(", ") })));
        chosen.push(organisation);
      }
    }
    const targets = [...new Set(chosen.length === 0 ? organisations : chosen)];
    const deadlineAt = localInstant(deadlineDate, "23:59", zone);

    const { opened, skipped } = await inReportTransaction(deps, async (tx, w) => {
      const opened: string[] = [];
      const skipped: string[] = [];
      for (const organisation of targets) {
        const report = await tx.reports.request({
          partnershipId: partnership.id,
          organisationId: organisation.id,
          form,
          period: period.label,
          periodStart: period.start,
          periodEnd: period.end,
          opensAt: now,
          deadlineAt,
          requestedBy: member.id,
        });
        if (report === undefined) {
          skipped.push(organisation.name);
          continue;
        }
        opened.push(organisation.name);
        const payload: ReportReminderPayload = { partnershipId: partnership.id, form, period: period.label, organisationId: organisation.id };
        const key = (step: string) => reportReminderKey(form, period.label, organisation.id, step);
        await w.reminders.schedule({ key: key("open"), kind: REPORT_OPEN, partnershipId: partnership.id, dueAt: now, payload }, { rearm: true });
        for (const offset of settings.reminderOffsetsDays) {
          const dueAt = reminderTime(deadlineDate, offset, zone);
          if (dueAt <= now) continue;
          await w.reminders.schedule(
            { key: key(offsetStep(offset)), kind: offset > 0 ? REPORT_OVERDUE : REPORT_REMINDER, partnershipId: partnership.id, dueAt, payload },
            { rearm: true },
          );
        }
      }
      return { opened, skipped };
    });

    const f = createFormatters(locale, zone);
    const names = { form: resolveTemplate(form, settings).title[locale], period: period.label };
    const lines = opened.length === 0 ? [t("request.none", names)] : [t("request.done", { ...names, orgs: f.list(opened), deadline: f.date(deadlineAt) })];
    if (opened.length > 0 && skipped.length > 0) lines.push(t("request.skipped", { orgs: f.list(skipped) }));
    await ctx.reply.whisper({ text: lines.join(" "), blocks: lines.map((text) => ({ type: "text", text })) });
  }
}
