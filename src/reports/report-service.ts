import type { Work } from "../app/unit-of-work.ts";
import { createFormConversations, startConversation, type Answers, type FormDefinition, type FormSession, type LocalizedText } from "../forms/index.ts";
import { SamverkaError } from "../shared/errors.ts";
import { createReportDirectory, type ReportingOrganisation, type ReportingPartnership } from "./report-directory.ts";
import { prefillAnswers } from "./report-prefill.ts";
import { createReportRepository, type QueuedSubmission, type Report, type ReportVersion } from "./report.repository.ts";
import { reportReminderKey } from "./report-schedule.ts";
import { loadReportSettings, type ReportSettings } from "./report-settings.ts";
import { resolveTemplate } from "./report-templates.ts";
import type { ReportsDeps } from "./reports.deps.ts";

/** Everything needed to show, fill in or check one report. */
export interface ReportContext {
  report: Report;
  partnership: ReportingPartnership;
  organisation: ReportingOrganisation;
  settings: ReportSettings;
  definition: FormDefinition;
  /** "Uppföljning 2026H2 – Convictus" in both languages. */
  title: LocalizedText;
}

/** The form-session subject of a report. */
export const subjectOf = (reportId: string): string => `report:${reportId}`;

/** Why a report cannot be (re)submitted now. */
export class CorrectionClosedError extends SamverkaError {
  constructor() {
    super("conflict", "The deadline has passed; a submitted report can no longer be corrected.");
  }
}

/** Read access to reports, their organisations and drafts: all that compiling needs (the CLI uses only this). */
export function createReportReader(deps: Pick<ReportsDeps, "db" | "clock">) {
  return {
    db: deps.db,
    clock: deps.clock,
    reports: createReportRepository(deps.db),
    directory: createReportDirectory(deps.db),
    conversations: createFormConversations({ db: deps.db, clock: deps.clock, subjects: subjectOf("") }),
  };
}

export type ReportReader = ReturnType<typeof createReportReader>;

/** What the report use cases work with. */
type ServiceDeps = Pick<ReportsDeps, "db" | "clock" | "logger" | "prefill" | "transact">;

/** The use cases of filling in and submitting reports, shared by the chat, the form view and the reminders. */
export function createReportService(deps: ServiceDeps) {
  const reader = createReportReader(deps);
  const { reports, directory, conversations } = reader;
  const logger = deps.logger.child({ component: "reports" });

  async function contextOf(report: Report): Promise<ReportContext> {
    const [partnership, organisation, loaded] = await Promise.all([
      directory.partnership(report.partnershipId),
      directory.organisation(report.organisationId),
      loadReportSettings(deps.db, report.partnershipId),
    ]);
    const settings = loaded.settings.get(report.partnershipId);
    if (partnership === undefined || organisation === undefined || settings === undefined) {
      throw new SamverkaError("not_found", `Report ${report.id} has no partnership, organisation or report settings any more.`);
    }
    const definition = resolveTemplate(report.form, settings);
    const title = {
      sv: `${definition.title.sv} ${report.period} – ${organisation.name}`,
      en: `${definition.title.en} ${report.period} – ${organisation.name}`,
    };
    return { report, partnership, organisation, settings, definition, title };
  }

  /**
   * The answers to start from: a draft in progress, else the last submitted version, else answers finished before
   * the report opened, else what the bot knows.
   */
  async function startingPoint(
    ctx: ReportContext,
    memberId: string,
  ): Promise<{ answers: Answers; prefilled: string[]; submitted?: ReportVersion; queued?: QueuedSubmission; session?: FormSession }> {
    const session = await conversations.openFor(subjectOf(ctx.report.id), memberId);
    const submitted = await reports.latestVersion(ctx.report.id);
    if (session !== undefined) return { answers: session.state.answers, prefilled: session.state.prefilled, submitted, session };
    if (submitted !== undefined) return { answers: submitted.answers, prefilled: [], submitted };
    const queued = await reports.queued(ctx.report.id);
    if (queued !== undefined) return { answers: queued.answers, prefilled: [], queued };
    const query = {
      partnershipId: ctx.report.partnershipId,
      organisationId: ctx.report.organisationId,
      from: ctx.report.periodStart,
      to: ctx.report.periodEnd,
    };
    return { ...(await prefillAnswers(ctx.definition, deps.prefill, query, logger)), submitted };
  }

  function assertCorrectable(ctx: ReportContext, submitted: ReportVersion | undefined): void {
    if (submitted !== undefined && deps.clock.now() > ctx.report.deadlineAt) throw new CorrectionClosedError();
  }

  const service = {
    ...reader,
    contextOf,
    startingPoint,

    /** Opens (or resumes) the member's conversation for the report and makes it their active one. */
    async beginConversation(ctx: ReportContext, memberId: string): Promise<{ session: FormSession; resumed: boolean }> {
      const start = await startingPoint(ctx, memberId);
      if (start.session === undefined) assertCorrectable(ctx, start.submitted);
      return conversations.open({
        partnershipId: ctx.report.partnershipId,
        memberId,
        subject: subjectOf(ctx.report.id),
        actionPrefix: "report.",
        definition: ctx.definition,
        title: ctx.title,
        state: startConversation(ctx.definition, start.answers, {
          prefilled: start.prefilled,
          correcting: start.submitted?.version,
          atSummary: start.queued !== undefined,
        }),
      });
    },

    /**
     * Stores a new version, stops the organisation's reminders and closes every other draft of the report, as one
     * unit of work: a submission either exists with its reminders stopped and drafts closed, or not at all.
     */
    async submit(ctx: ReportContext, input: { answers: Answers; memberId: string; via: "chat" | "form"; session?: FormSession }): Promise<ReportVersion> {
      const version = await deps.transact(async (w) => {
        const tx = { reports: createReportRepository(w.db), conversations: createFormConversations({ db: w.db, clock: deps.clock }) };
        const previous = await tx.reports.latestVersion(ctx.report.id);
        assertCorrectable(ctx, previous);
        const now = deps.clock.now();
        const added = await tx.reports.addVersion({
          reportId: ctx.report.id,
          answers: input.answers,
          definition: input.session?.definition ?? ctx.definition,
          submittedBy: input.memberId,
          submittedAt: now,
          via: input.via,
        });
        await w.db
          .insertInto("audit_events")
          .values({
            partnership_id: ctx.report.partnershipId,
            actor_member_id: input.memberId,
            action: added.version === 1 ? "report.submitted" : "report.corrected",
            subject_type: "report",
            subject_id: ctx.report.id,
            details: JSON.stringify({ version: added.version, via: input.via, form: ctx.report.form, period: ctx.report.period }),
            at: now,
          })
          .execute();
        if (input.session !== undefined) await tx.conversations.complete(input.session);
        await tx.conversations.closeSubject(subjectOf(ctx.report.id), input.session?.id);
        await tx.reports.clearQueued(ctx.report.id);
        await w.reminders.cancelByPrefix(reportReminderKey(ctx.report.form, ctx.report.period, ctx.report.organisationId, ""));
        return added;
      });
      logger.info({ reportId: ctx.report.id, version: version.version, via: input.via }, "report submitted");
      return version;
    },

    /**
     * Submits the answers, or, for a report not yet open where the partnership does not take early submissions,
     * keeps them to be submitted when it opens (the draft is finished either way).
     */
    async submitOrQueue(ctx: ReportContext, input: { answers: Answers; memberId: string; via: "chat" | "form"; session?: FormSession }): Promise<HandedIn> {
      const now = deps.clock.now();
      if (now >= ctx.report.opensAt || ctx.settings.earlySubmission) return { kind: "submitted", version: await service.submit(ctx, input) };
      await deps.transact(async (w) => {
        await createReportRepository(w.db).queue(ctx.report.id, { answers: input.answers, memberId: input.memberId, via: input.via, at: now });
        const tx = createFormConversations({ db: w.db, clock: deps.clock });
        if (input.session !== undefined) await tx.complete(input.session);
        await tx.closeSubject(subjectOf(ctx.report.id), input.session?.id);
      });
      logger.info({ reportId: ctx.report.id, via: input.via }, "report finished before it opens; submitted when it opens");
      return { kind: "queued", opensAt: ctx.report.opensAt };
    },
  };
  return service;
}

/** What handing a report in did: a new version, or answers kept until the report opens. */
export type HandedIn = { kind: "submitted"; version: ReportVersion } | { kind: "queued"; opensAt: Date };

export type ReportService = ReturnType<typeof createReportService>;

/**
 * Runs `fn` as one unit of work with a report service whose every read and write joins it (a submission made with
 * it joins it too), and the unit's notifier and reminders.
 */
export function inReportTransaction<T>(deps: ServiceDeps, fn: (tx: ReportService, w: Work) => Promise<T>): Promise<T> {
  return deps.transact((w) => fn(createReportService({ ...deps, db: w.db, transact: (inner) => inner(w) }), w));
}
