import type { RecurringTask } from "../../app/feature.ts";
import { listPartnerships } from "../../partnerships/index.ts";
import { loadColdNightSettings } from "../cold-nights/cold-night-settings.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { closingTime, currentNight } from "../cold-nights/cold-night.ts";
import { sendBoard } from "./bed-board.card.ts";
import { findBoardRecipients } from "./bed-board.repository.ts";
import { isPast } from "./report-beds.ts";

/**
 * Every 15 minutes: once a partnership's board time (default 21.00) has come, those who get the board without asking
 * get tonight's board as a live copy, once (its key names the night), updated in place as shelters report.
 */
export function createBedBoardTask(deps: AlertsDeps): RecurringTask {
  return {
    name: "alerts.bed-board",
    cron: "*/15 * * * *",
    async run(now) {
      for (const partnership of await listPartnerships(deps.db)) {
        const settings = await loadColdNightSettings(deps.db, partnership.id);
        if (settings === undefined) continue;
        const night = currentNight(now, partnership.timeZone, settings.closeTime);
        if (!isPast(now, night, settings.bedBoard.from, partnership.timeZone) || now >= closingTime(night, settings.closeTime, partnership.timeZone)) continue;
        try {
          await deps.transact(async (w) => {
            const recipients = await findBoardRecipients(w.db, partnership.id, settings.bedBoard.roles, settings.bedBoard.cityUnits);
            await sendBoard(w.notifier, partnership.id, night, recipients, `beds:${partnership.id}:${night}:board`);
          });
        } catch (error) {
          deps.logger.error({ err: error, partnershipId: partnership.id, night }, "could not record tonight's bed board; the next tick tries again");
        }
      }
    },
  };
}
