import { compileReports, type Compilation } from "./compile-report.ts";
import type { ReportReader } from "./report-service.ts";

// A report stays on the status list this long after its deadline, so late ones remain visible.
const SHOWN_AFTER_DEADLINE_MS = 45 * 86_400_000;

/** Per open form and period: every organisation as submitted, in progress or missing. */
export async function reportStatus(service: ReportReader, partnershipId: string, now: Date): Promise<{ deadlineAt: Date; compilation: Compilation }[]> {
  const reports = (await service.reports.current(partnershipId, now)).filter((r) => r.deadlineAt.getTime() + SHOWN_AFTER_DEADLINE_MS >= now.getTime());
  const groups = new Map<string, { form: string; period: string; deadlineAt: Date }>();
  for (const r of reports) groups.set(`${r.form}:${r.period}`, { form: r.form, period: r.period, deadlineAt: r.deadlineAt });
  const result = [];
  for (const group of groups.values()) {
    result.push({ deadlineAt: group.deadlineAt, compilation: await compileReports(service, { partnershipId, form: group.form, period: group.period }) });
  }
  return result;
}
