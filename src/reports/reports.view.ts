import type { Block, Button, Message } from "../chat/index.ts";
import { visibleFields, type FormSession } from "../forms/index.ts";
import { createFormatters, createTranslator, type Locale } from "../shared/i18n.ts";
import type { ReportContext } from "./report-service.ts";
import { reportsMessages, type ReportsKey } from "./reports.messages.ts";

/** The translator and the names every report message uses. */
export function reportWords(ctx: ReportContext, locale: Locale) {
  const t = createTranslator(reportsMessages, locale, ctx.partnership.timeZone);
  const f = createFormatters(locale, ctx.partnership.timeZone);
  const names = { form: ctx.definition.title[locale], period: ctx.report.period, org: ctx.organisation.name, deadline: f.date(ctx.report.deadlineAt) };
  return { t, f, names };
}

/** Buttons to fill the report in: in chat, or as one form; optionally "remind me tomorrow". */
function fillButtons(ctx: ReportContext, locale: Locale, options: { snooze?: boolean } = {}): Block {
  const { t } = reportWords(ctx, locale);
  const buttons: Button[] = [
    { actionId: "report.start", label: t("open.start_button"), value: ctx.report.id, style: "primary" },
    { actionId: "report.form", label: t("open.form_button"), value: ctx.report.id },
  ];
  if (options.snooze === true) buttons.push({ actionId: "report.snooze", label: t("reminder.snooze_button"), value: ctx.report.id });
  return { type: "buttons", buttons };
}

/** How many questions the conversation asks, as words ("13 frågor"). */
function questionCount(ctx: ReportContext, locale: Locale, session: FormSession | undefined): string {
  const { t } = reportWords(ctx, locale);
  return t("questions", { n: visibleFields(ctx.definition, session?.state.answers ?? {}).length });
}

/** A conversation's first message: which form, period and deadline, how many questions, then where it stands. */
export function conversationOpening(ctx: ReportContext, locale: Locale, session: FormSession, rendered: Message, now: Date): Message {
  const { t, f, names } = reportWords(ctx, locale);
  const lines = [t("conversation.intro", { ...names, questions: questionCount(ctx, locale, session) })];
  if (now < ctx.report.opensAt) lines.push(t(ctx.settings.earlySubmission ? "early.allowed" : "early.waits", { opens: f.dateTime(ctx.report.opensAt) }));
  return { text: `${lines.join(" ")}\n${rendered.text}`, blocks: [{ type: "text", text: lines.join(" ") }, ...rendered.blocks] };
}

/** The message a coordinator gets when the form opens; the first question follows when the chat is free. */
export function openingMessage(ctx: ReportContext, locale: Locale, session: FormSession | undefined, firstQuestion: Message | undefined): Message {
  const { t, names } = reportWords(ctx, locale);
  const intro = t("open.intro", { ...names, questions: questionCount(ctx, locale, session) });
  const blocks: Block[] = [{ type: "text", text: intro }, fillButtons(ctx, locale)];
  if (firstQuestion === undefined) blocks.push({ type: "text", text: t("open.busy") });
  else blocks.push({ type: "divider" }, ...firstQuestion.blocks);
  return { text: intro, blocks };
}

/** A reminder at `offsetDays` from the deadline day. */
export function reminderMessage(ctx: ReportContext, locale: Locale, offsetDays: number): Message {
  const { t, names } = reportWords(ctx, locale);
  const key: ReportsKey = offsetDays < 0 ? "reminder.before" : offsetDays === 0 ? "reminder.today" : "reminder.overdue";
  const text = t(key, { ...names, days: t("days", { n: -offsetDays }) });
  return { text, blocks: [{ type: "text", text }, fillButtons(ctx, locale, { snooze: true })] };
}

/** The escalation to the partnership coordinator about an overdue report. */
export function escalationMessage(ctx: ReportContext, locale: Locale, coordinators: string[]): Message {
  const { t, f, names } = reportWords(ctx, locale);
  const text = t("escalation", { ...names, who: coordinators.length === 0 ? "–" : f.list(coordinators) });
  return { text, blocks: [{ type: "text", text }] };
}

/** Told to whoever finished a report before it opened, once it is submitted at opening. */
export function queuedSubmittedMessage(ctx: ReportContext, locale: Locale, version: number): Message {
  const { t, names } = reportWords(ctx, locale);
  return plain(t("queued.submitted", { ...names, version }));
}

/** One line of plain text as a message. */
export function plain(text: string): Message {
  return { text, blocks: [{ type: "text", text }] };
}
