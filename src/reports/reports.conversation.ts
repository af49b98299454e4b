import type { Actor } from "../app/feature.ts";
import type { FormView, Message, Reply } from "../chat/index.ts";
import { normalizeAnswers, renderFormView, type Answers, type ConversationTurn } from "../forms/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import type { Report } from "./report.repository.ts";
import { CorrectionClosedError, type HandedIn, type ReportContext, type ReportService } from "./report-service.ts";
import { conversationOpening, plain, reportWords } from "./reports.view.ts";

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

  /** Starts or resumes the conversation for a report and shows where it stands, after which report it is. */
  async function startInChat(ctx: ReportContext, actor: Actor, say: Say): Promise<void> {
    try {
      const { session } = await service.beginConversation(ctx, actor.member.id);
      await say(conversationOpening(ctx, actor.locale, session, service.conversations.render(session, actor.locale, { opening: true }), service.clock.now()));
    } catch (error) {
      if (!(error instanceof CorrectionClosedError)) throw error;
      await say(closedMessage(ctx, actor));
    }
  }

  /** Acts on one conversation turn: stores a submission, or shows the next question. */
  async function handleTurn(turn: ConversationTurn, actor: Actor, reply: Pick<Reply, "whisper">): Promise<void> {
    if (turn.outcome === "cancelled") {
      const saved = await savedAhead(turn, actor);
      if (saved !== undefined) return void (await reply.whisper(saved));
    }
    if (turn.outcome !== "submit" && turn.outcome !== "stale") {
      if (turn.message !== undefined) await reply.whisper(turn.message);
      return;
    }
    const reportId = turn.session.subject.replace(/^report:/, "");
    const report = await service.reports.byId(reportId);
    if (report === undefined) throw new SamverkaError("not_found", `Report ${reportId} of form session ${turn.session.id} is gone.`);
    const ctx = await service.contextOf(report);
    if (turn.outcome === "stale") return void (await reply.whisper(await currentStanding(ctx, actor)));
    try {
      const answers = normalizeAnswers(turn.session.definition, turn.session.state.answers);
      const handedIn = await service.submitOrQueue(ctx, { answers, memberId: actor.member.id, via: "chat", session: turn.session });
      await reply.whisper(handedInMessage(ctx, actor, handedIn));
    } catch (error) {
      if (!(error instanceof CorrectionClosedError)) throw error;
      await reply.whisper(closedMessage(ctx, actor));
    }
  }

  /**
   * Cancelling a conversation over answers saved ahead of the opening leaves those answers as they were (they are
   * still submitted when the report opens); only the changes made since are dropped. The engine's own words
   * ("nothing was submitted, start again") would say otherwise, so this says what stands. Undefined when nothing is saved.
   */
  async function savedAhead(turn: ConversationTurn, actor: Actor): Promise<Message | undefined> {
    const report = await service.reports.byId(turn.session.subject.replace(/^report:/, ""));
    const queued = report === undefined ? undefined : await service.reports.queued(report.id);
    if (report === undefined || queued === undefined) return undefined;
    const { t, f, names } = reportWords(await service.contextOf(report), actor.locale);
    return plain(t("cancelled.queued", { ...names, saved: f.dateTime(queued.at), opens: f.dateTime(report.opensAt) }));
  }

  /** What a handed-in report now is: a submitted version, or answers waiting for the report to open. */
  function handedInMessage(ctx: ReportContext, actor: Actor, handedIn: HandedIn): Message {
    const { t, f, names } = reportWords(ctx, actor.locale);
    if (handedIn.kind === "queued") return plain(t("queued", { ...names, opens: f.dateTime(handedIn.opensAt) }));
    const late = ctx.report.deadlineAt < service.clock.now();
    return plain(t(late ? "submitted_late" : "submitted", { ...names, version: handedIn.version.version }));
  }

  /** For a button of a finished conversation: which version stands now (or what waits), and how to change it. */
  async function currentStanding(ctx: ReportContext, actor: Actor): Promise<Message> {
    const { t, f, names } = reportWords(ctx, actor.locale);
    const latest = await service.reports.latestVersion(ctx.report.id);
    if (latest !== undefined) {
      const by = await service.directory.displayName(latest.submittedBy);
      return plain(t("stale.submitted", { ...names, version: latest.version, at: f.dateTime(latest.submittedAt), by }));
    }
    const queued = await service.reports.queued(ctx.report.id);
    if (queued !== undefined) return plain(t("stale.queued", { ...names, opens: f.dateTime(ctx.report.opensAt) }));
    return plain(t("stale.none", names));
  }

  /**
   * The report as one form (Slack modal, Teams card), prefilled with the draft or the last version; a refused one is
   * drawn again with what was typed (`refused`), so nothing entered is lost.
   */
  async function formViewOf(ctx: ReportContext, actor: Actor, refused?: { answers: Answers; errors: Record<string, string> }): Promise<FormView> {
    const answers = refused?.answers ?? (await service.startingPoint(ctx, actor.member.id)).answers;
    const { t, names } = reportWords(ctx, actor.locale);
    return renderFormView(
      ctx.definition,
      answers,
      actor.locale,
      { formId: "report.fill", title: t("form.title", names), submitLabel: t("form.submit"), state: ctx.report.id, intro: t("form.intro", names) },
      refused?.errors,
    );
  }

  return { ownedReport, startInChat, handleTurn, handedInMessage, closedMessage, formViewOf };
}

export type ReportChat = ReturnType<typeof createReportChat>;
