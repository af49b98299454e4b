import { sql, type Insertable, type Selectable } from "kysely";
import type { Db } from "../db/database.ts";
import type { Answers, FormDefinition } from "../forms/index.ts";
import type { ReportTable, ReportVersionTable } from "./reports.tables.ts";

/** One organisation's report for a form and period. */
export interface Report {
  id: string;
  partnershipId: string;
  organisationId: string;
  form: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  opensAt: Date;
  deadlineAt: Date;
  /** Who asked for it outside the cycle, if anyone. */
  requestedBy?: string;
}

/** Answers finished before the report opened, waiting to be submitted when it opens. */
export interface QueuedSubmission {
  answers: Answers;
  memberId: string;
  via: "chat" | "form";
  at: Date;
}

/** A submitted version: what was reported, by whom, when and how. */
export interface ReportVersion {
  reportId: string;
  version: number;
  answers: Answers;
  definition: FormDefinition;
  submittedBy: string;
  submittedAt: Date;
  via: "chat" | "form";
}

export type NewReport = Omit<Report, "id">;

/** Reports and their versions. */
export function createReportRepository(db: Db) {
  return {
    /** Creates the report unless it exists; returns it either way (safe to repeat). */
    async ensure(report: NewReport): Promise<Report> {
      await db
        .insertInto("reports")
        .values(rowOf(report))
        .onConflict((oc) => oc.columns(["partnership_id", "organisation_id", "form", "period"]).doNothing())
        .execute();
      return (await this.find(report.partnershipId, report.organisationId, report.form, report.period))!;
    },
    /**
     * Opens a requested report: created, or, if it exists but has not opened yet (started early), opened now with the
     * requested deadline. Undefined when it is already open or submitted: a request never moves a running or submitted report.
     */
    async request(report: NewReport & { requestedBy: string }): Promise<Report | undefined> {
      const row = await db
        .insertInto("reports")
        .values(rowOf(report))
        .onConflict((oc) =>
          oc
            .columns(["partnership_id", "organisation_id", "form", "period"])
            .doUpdateSet({ opens_at: report.opensAt, deadline_at: report.deadlineAt, requested_by: report.requestedBy })
            .where("reports.opens_at", ">", report.opensAt)
            // Submitted early (the partnership allows it) counts as submitted.
            .where(sql<boolean>`not exists (select 1 from report_versions v where v.report_id = reports.id)`),
        )
        .returningAll()
        .executeTakeFirst();
      return row && toReport(row);
    },
    async find(partnershipId: string, organisationId: string, form: string, period: string): Promise<Report | undefined> {
      const row = await db
        .selectFrom("reports")
        .selectAll()
        .where("partnership_id", "=", partnershipId)
        .where("organisation_id", "=", organisationId)
        .where("form", "=", form)
        .where("period", "=", period)
        .executeTakeFirst();
      return row && toReport(row);
    },
    async byId(id: string): Promise<Report | undefined> {
      const row = await db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toReport(row);
    },
    /** Reports of a partnership for one form and period (every organisation that has one). */
    async forPeriod(partnershipId: string, form: string, period: string): Promise<Report[]> {
      const rows = await db
        .selectFrom("reports")
        .selectAll()
        .where("partnership_id", "=", partnershipId)
        .where("form", "=", form)
        .where("period", "=", period)
        .execute();
      return rows.map(toReport);
    },
    /** Reports whose form has opened by `now`, soonest deadline first (optionally of one organisation). */
    async current(partnershipId: string, now: Date, organisationId?: string): Promise<Report[]> {
      let query = db.selectFrom("reports").selectAll().where("partnership_id", "=", partnershipId).where("opens_at", "<=", now);
      if (organisationId !== undefined) query = query.where("organisation_id", "=", organisationId);
      const rows = await query.orderBy("deadline_at").execute();
      return rows.map(toReport);
    },
    /** Reports of one organisation whose deadline is after `since`, opened or not, soonest deadline first. */
    async ofOrganisation(partnershipId: string, organisationId: string, since: Date): Promise<Report[]> {
      const rows = await db
        .selectFrom("reports")
        .selectAll()
        .where("partnership_id", "=", partnershipId)
        .where("organisation_id", "=", organisationId)
        .where("deadline_at", ">=", since)
        .orderBy("deadline_at")
        .execute();
      return rows.map(toReport);
    },
    /** Keeps finished answers until the report opens; a later finish replaces them. */
    async queue(reportId: string, queued: QueuedSubmission): Promise<void> {
      await db
        .updateTable("reports")
        .set({ queued_answers: JSON.stringify(queued.answers), queued_by: queued.memberId, queued_via: queued.via, queued_at: queued.at })
        .where("id", "=", reportId)
        .execute();
    },
    async queued(reportId: string): Promise<QueuedSubmission | undefined> {
      const row = await db
        .selectFrom("reports")
        .select(["queued_answers", "queued_by", "queued_via", "queued_at"])
        .where("id", "=", reportId)
        .executeTakeFirst();
      if (row?.queued_answers == null || row.queued_by === null || row.queued_via === null || row.queued_at === null) return undefined;
      return { answers: row.queued_answers as Answers, memberId: row.queued_by, via: row.queued_via, at: row.queued_at };
    },
    async clearQueued(reportId: string): Promise<void> {
      await db.updateTable("reports").set({ queued_answers: null, queued_by: null, queued_via: null, queued_at: null }).where("id", "=", reportId).execute();
    },
    async latestVersion(reportId: string): Promise<ReportVersion | undefined> {
      const row = await db.selectFrom("report_versions").selectAll().where("report_id", "=", reportId).orderBy("version", "desc").limit(1).executeTakeFirst();
      return row && toVersion(row);
    },
    async versions(reportId: string): Promise<ReportVersion[]> {
      const rows = await db.selectFrom("report_versions").selectAll().where("report_id", "=", reportId).orderBy("version").execute();
      return rows.map(toVersion);
    },
    /**
     * Adds the next version; the unique (report, version) makes two simultaneous submissions fail one, not merge.
     * Inside the caller's unit of work it joins that transaction; alone, it runs in a short one of its own.
     */
    async addVersion(version: Omit<ReportVersion, "version">): Promise<ReportVersion> {
      const add = async (trx: Db): Promise<ReportVersion> => {
        const last = await trx
          .selectFrom("report_versions")
          .select((eb) => eb.fn.max("version").as("v"))
          .where("report_id", "=", version.reportId)
          .executeTakeFirst();
        const row = await trx
          .insertInto("report_versions")
          .values({
            report_id: version.reportId,
            version: (last?.v ?? 0) + 1,
            answers: JSON.stringify(version.answers),
            definition: JSON.stringify(version.definition),
            submitted_by: version.submittedBy,
            submitted_at: version.submittedAt,
            via: version.via,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toVersion(row);
      };
      return db.isTransaction ? add(db) : db.transaction().execute(add);
    },
  };
}

function rowOf(report: NewReport): Insertable<ReportTable> {
  return {
    partnership_id: report.partnershipId,
    organisation_id: report.organisationId,
    form: report.form,
    period: report.period,
    period_start: report.periodStart,
    period_end: report.periodEnd,
    opens_at: report.opensAt,
    deadline_at: report.deadlineAt,
    requested_by: report.requestedBy ?? null,
  };
}

function toReport(row: Selectable<ReportTable>): Report {
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    organisationId: row.organisation_id,
    form: row.form,
    period: row.period,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    opensAt: row.opens_at,
    deadlineAt: row.deadline_at,
    ...(row.requested_by === null ? {} : { requestedBy: row.requested_by }),
  };
}

function toVersion(row: Selectable<ReportVersionTable>): ReportVersion {
  return {
    reportId: row.report_id,
    version: row.version,
    answers: row.answers as Answers,
    definition: row.definition as unknown as FormDefinition,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    via: row.via,
  };
}
