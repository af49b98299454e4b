import { hasOwnAnswers, isNumeric, type Answers, type FormDefinition } from "../forms/index.ts";
import type { ReportReader } from "./report-service.ts";
import { resolveTemplate } from "./report-templates.ts";
import { loadReportSettings } from "./report-settings.ts";
import { SamverkaError } from "../shared/errors.ts";

/** Where one organisation stands for the compiled period. */
export type SubmissionState = "submitted" | "in_progress" | "missing";

/** One organisation's row of a compilation. */
export interface CompiledOrganisation {
  id: string;
  name: string;
  state: SubmissionState;
  version?: number;
  submittedAt?: Date;
  submittedBy?: string;
  answers?: Answers;
}

/** A form compiled over every organisation for one period: per organisation, totals, and who is missing. */
export interface Compilation {
  partnership: { id: string; name: string; timeZone: string };
  form: string;
  period: string;
  definition: FormDefinition;
  organisations: CompiledOrganisation[];
  /** Every numeric field over the submitted reports: the sum, or the average where the field says so; absent when nobody gave it. */
  totals: Record<string, number>;
}

/** Compiles the latest submitted version of each organisation's report for `form` and `period`. */
export async function compileReports(service: ReportReader, query: { partnershipId: string; form: string; period: string }): Promise<Compilation> {
  const partnership = await service.directory.partnership(query.partnershipId);
  const settings = (await loadReportSettings(service.db, query.partnershipId)).settings.get(query.partnershipId);
  if (partnership === undefined || settings === undefined) {
    throw new SamverkaError("not_found", `Partnership ${query.partnershipId} does not exist or has no report settings (reports: in its partnership file).`);
  }
  const definition = resolveTemplate(query.form, settings);
  const reports = await service.reports.forPeriod(query.partnershipId, query.form, query.period);
  const active = await service.directory.organisations(query.partnershipId);
  const ids = [...new Set([...active.map((o) => o.id), ...reports.map((r) => r.organisationId)])];
  const organisations: CompiledOrganisation[] = [];
  for (const id of ids) {
    const organisation = active.find((o) => o.id === id) ?? (await service.directory.organisation(id));
    const report = reports.find((r) => r.organisationId === id);
    const version = report && (await service.reports.latestVersion(report.id));
    const name = organisation?.name ?? id;
    if (version !== undefined) {
      organisations.push({
        id,
        name,
        state: "submitted",
        version: version.version,
        submittedAt: version.submittedAt,
        submittedBy: await service.directory.displayName(version.submittedBy),
        answers: version.answers,
      });
    } else {
      const drafts = report === undefined ? [] : await service.conversations.openForSubject(`report:${report.id}`);
      // A form the bot opened but nobody has answered yet is still missing.
      organisations.push({ id, name, state: drafts.some((d) => hasOwnAnswers(d.state)) ? "in_progress" : "missing" });
    }
  }
  organisations.sort((a, b) => a.name.localeCompare(b.name, "sv"));
  const totals: Record<string, number> = {};
  for (const field of definition.fields.filter(isNumeric)) {
    const values = organisations.map((o) => o.answers?.[field.id]).filter((v): v is number => typeof v === "number");
    // Nobody's figure is no figure: a 0 would read as "no visitors" in the report to socialnämnden.
    if (values.length === 0) continue;
    const sum = values.reduce((acc, v) => acc + v, 0);
    const value = field.total === "average" ? sum / values.length : sum;
    totals[field.id] = Math.round(value * 100) / 100;
  }
  return {
    partnership: { id: partnership.id, name: partnership.name, timeZone: partnership.timeZone },
    form: query.form,
    period: query.period,
    definition,
    organisations,
    totals,
  };
}
