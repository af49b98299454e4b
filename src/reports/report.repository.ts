import type { Selectable } from "kysely";
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
        .values({
          partnership_id: report.partnershipId,
          organisation_id: report.organisationId,
          form: report.form,
          period: report.period,
          period_start: report.periodStart,
          period_end: report.periodEnd,
          opens_at: report.opensAt,
          deadline_at: report.deadlineAt,
        })
        .onConflict((oc) => oc.columns(["partnership_id", "organisation_id", "form", "period"]).doNothing())
        .execute();
      return (await this.find(report.partnershipId, report.organisationId, report.form, report.period))!;
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
      const rows = await db.selectFrom("reports").selectAll().where("partnership_id", "=", partnershipId).where("form", "=", form).where("period", "=", period).execute();
      return rows.map(toReport);
    },
    /** Reports whose form has opened by `now`, soonest deadline first (optionally of one organisation). */
    async current(partnershipId: string, now: Date, organisationId?: string): Promise<Report[]> {
      let query = db.selectFrom("reports").selectAll().where("partnership_id", "=", partnershipId).where("opens_at", "<=", now);
      if (organisationId !== undefined) query = query.where("organisation_id", "=", organisationId);
      const rows = await query.orderBy("deadline_at").execute();
      return rows.map(toReport);
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
        const last = await trx.selectFrom("report_versions").select((eb) => eb.fn.max("version").as("v")).where("report_id", "=", version.reportId).executeTakeFirst();
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
