import { countColdNightsSince, countIncidentsSince } from "../alerts/index.ts";
import type { Db } from "../db/database.ts";
import type { Clock } from "../shared/clock.ts";
import { createTranslator } from "../shared/i18n.ts";
import type { AgendaSources, OrganisationReportStatus } from "./meetings.deps.ts";
import { meetingMessages } from "./meetings.messages.ts";

// A report stays on the agenda this long after its deadline, so a late one is still discussed.
const SHOWN_AFTER_DEADLINE_MS = 45 * 86_400_000;

/** The standing-item sources over the alerts capability's counts and the reports capability's tables. */
export function createAgendaSources(db: Db, clock: Clock): AgendaSources {
  return {
    countIncidentsSince: (partnershipId, since) => countIncidentsSince(db, partnershipId, since),
    countColdNightsSince: (partnershipId, since) => countColdNightsSince(db, partnershipId, since),
    reportStatus: (partnershipId, locale) => reportStatus(db, clock.now(), partnershipId, locale),
  };
}

/** Each organisation's open or recent reports: submitted (when), not yet in, or missing after the deadline. */
async function reportStatus(db: Db, now: Date, partnershipId: string, locale: "sv" | "en"): Promise<OrganisationReportStatus[]> {
  const rows = await db
    .selectFrom("reports as r")
    .innerJoin("organisations as o", "o.id", "r.organisation_id")
    .innerJoin("partnerships as p", "p.id", "r.partnership_id")
    .leftJoin("report_versions as v", "v.report_id", "r.id")
    .where("r.partnership_id", "=", partnershipId)
    .where("r.opens_at", "<=", now)
    .where("r.deadline_at", ">=", new Date(now.getTime() - SHOWN_AFTER_DEADLINE_MS))
    .groupBy(["r.id", "o.name", "p.time_zone"])
    .select((eb) => ["r.form", "r.period", "r.deadline_at", "o.name", "p.time_zone", eb.fn.max("v.submitted_at").as("submitted_at")])
    .orderBy("o.name")
    .orderBy("r.deadline_at")
    .execute();
  return rows.map((r) => {
    const t = createTranslator(meetingMessages, locale, r.time_zone);
    const submittedAt = r.submitted_at === null ? null : new Date(r.submitted_at);
    const params = { report: `${r.form} ${r.period}`, deadline: r.deadline_at, at: submittedAt ?? r.deadline_at };
    const key = submittedAt !== null ? "report.submitted" : r.deadline_at < now ? "report.missing" : "report.open";
    return { organisation: r.name, status: t(key, params) };
  });
}
