import type { Actor } from "../app/feature.ts";
import type { Reply } from "../chat/inbound.ts";
import type { FormView, Message } from "../chat/message.ts";
import { normalizeAnswers, renderFormView, type ConversationTurn } from "../forms/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Report } from "./report.repository.ts";
import { CorrectionClosedError, type ReportContext, type ReportService } from "./report-service.ts";
import { plain, reportWords } from "./reports.view.ts";

/** Where the conversation goes: the reply in a direct chat, or a direct message when asked from a channel. */
export type Say = (message: Message) => Promise<unknown>;

/** The chat-facing use cases of reports, shared by commands, buttons, direct messages and the form view. */
export function createReportChat(service: ReportService) {
  /** The report behind a button or form, if the actor's organisation owns it. */
  async function ownedReport(reportId: string, actor: Actor): Promise<Report | undefined> {
    const report = await service.reports.byId(reportId);
    if (report === undefined || report.partnershipId !== actor.partnership.id || report.organisationId !== actor.member.organisationId) return undefined;
    return report;
  }

  function closedMessage(ctx: ReportContext, actor: Actor): Message {
    const { t, names } = reportWords(ctx, actor.locale);
    return plain(t("correction_closed", names));
  }

  /** Starts or resumes the conversation for a report and shows where it stands. */
  async function startInChat(ctx: ReportContext, actor: Actor, say: Say): Promise<void> {
    try {
      const { session } = await service.beginConversation(ctx, actor.member.id);
      await say(service.conversations.render(session, actor.locale, { opening: true }));
    } catch (error) {
      if (!(error instanceof CorrectionClosedError)) throw error;
      await say(closedMessage(ctx, actor));
    }
  }

  /** Acts on one conversation turn: stores a submission, or shows the next question. */
  async function handleTurn(turn: ConversationTurn, actor: Actor, reply: Pick<Reply, "say">): Promise<void> {
    if (turn.outcome !== "submit") {
      if (turn.message !== undefined) await reply.say(turn.message);
      return;
    }
    const reportId = turn.session.subject.replace(/^report:/, "");
    const report = await service.reports.byId(reportId);
    if (report === undefined) throw new SamverkaError("not_found", `Report ${reportId} of form session ${turn.session.id} is gone.`);
    const ctx = await service.contextOf(report);
    try {
      const answers = normalizeAnswers(turn.session.definition, turn.session.state.answers);
      const version = await service.submit(ctx, { answers, memberId: actor.member.id, via: "chat", session: turn.session });
      await reply.say(submittedMessage(ctx, actor, version.version));
    } catch (error) {
      if (!(error instanceof CorrectionClosedError)) throw error;
      await reply.say(closedMessage(ctx, actor));
    }
  }

  function submittedMessage(ctx: ReportContext, actor: Actor, version: number): Message {
    const { t, names } = reportWords(ctx, actor.locale);
    const late = ctx.report.deadlineAt < service.clock.now();
    return plain(t(late ? "submitted_late" : "submitted", { ...names, version }));
  }

  /** The report as one form (Slack modal, Teams card), prefilled with the draft or the last version. */
  async function formViewOf(ctx: ReportContext, actor: Actor, errors?: Record<string, string>): Promise<FormView> {
    const start = await service.startingPoint(ctx, actor.member.id);
    const { t, names } = reportWords(ctx, actor.locale);
    return renderFormView(
      ctx.definition,
      start.answers,
      actor.locale,
      { formId: "report.fill", title: t("form.title", names), submitLabel: t("form.submit"), state: ctx.report.id, intro: t("form.intro", names) },
      errors,
    );
  }

  return { ownedReport, startInChat, handleTurn, submittedMessage, closedMessage, formViewOf };
}

export type ReportChat = ReturnType<typeof createReportChat>;
