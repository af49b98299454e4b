import { coldNightFiguresForPeriod, incidentFiguresForPeriod, turnedAwayForPeriod } from "../alerts/index.ts";
import type { Db } from "../db/database.ts";
import { addDays, localInstant } from "./report-period.ts";
import type { ReportPrefillSources } from "./report-prefill.ts";

/** The prefill sources over what the alerts capability recorded: cold nights, the bed board and incident reports. */
export function createAlertsPrefill(db: Db): ReportPrefillSources {
  return {
    async coldNightFigures(query) {
      const figures = await coldNightFiguresForPeriod(db, query.partnershipId, query.from, query.to);
      const own = figures.byOrganisation.find((o) => o.organisationId === query.organisationId);
      // Turned away is counted every night on the bed board, not only on cold nights.
      const turnedAway = (await turnedAwayForPeriod(db, query.partnershipId, query.from, query.to)).find((o) => o.organisationId === query.organisationId);
      return { coldNights: own?.nightsOpened ?? 0, extraPlacesUsed: own?.extraPlacesUsed ?? 0, turnedAway: turnedAway?.turnedAway ?? 0 };
    },
    async incidentFigures(query) {
      const row = await db.selectFrom("partnerships").select("time_zone").where("id", "=", query.partnershipId).executeTakeFirst();
      const zone = row?.time_zone ?? "Europe/Stockholm";
      // Incidents are instants; the period is local dates, so it runs from local midnight to the midnight after `to`.
      const figures = await incidentFiguresForPeriod(
        db,
        query.partnershipId,
        localInstant(query.from, "00:00", zone),
        localInstant(addDays(query.to, 1), "00:00", zone),
      );
      return { incidents: figures.byOrganisation.find((o) => o.organisationId === query.organisationId)?.count ?? 0 };
    },
  };
}
