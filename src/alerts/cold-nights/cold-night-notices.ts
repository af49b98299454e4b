import type { Db } from "../../db/database.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { composeCard } from "./cold-night-card.ts";
import type { ColdNightAlert } from "./cold-night.ts";
import { appendCardDeliveries, loadAlert, loadCardDeliveries } from "./cold-night.repository.ts";

/** Display names of everyone the alert's card mentions. */
export async function namesOnAlert(db: Db, alert: ColdNightAlert): Promise<Map<string, string>> {
  const ids = [alert.declaredBy, alert.closedBy, ...alert.responses.flatMap((r) => [r.answeredBy])].filter((id): id is string => id !== null);
  return findDisplayNames(db, [...new Set(ids)]);
}

/**
 * Posts the card to the partnership's alert channels (or its general channels when it has none) on every
 * platform, and remembers where it landed.
 */
export async function postCard(deps: AlertsDeps, alert: ColdNightAlert): Promise<void> {
  const compose = composeCard(alert, await namesOnAlert(deps.db, alert));
  let deliveries = await deps.notifier.toChannels(alert.partnershipId, { purpose: "alerts" }, compose);
  if (deliveries.length === 0) deliveries = await deps.notifier.toChannels(alert.partnershipId, { purpose: "partnership" }, compose);
  await appendCardDeliveries(deps.db, alert.id, deliveries);
}

/**
 * Re-renders the card in place on every platform from the current rows. The alert row stays locked while the
 * updates go out, so two answers arriving together cannot leave an older total on a platform.
 */
export async function refreshCard(deps: AlertsDeps, alertId: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const alert = await loadAlert(tx, alertId, { lock: true });
    if (alert === undefined) return;
    const deliveries = await loadCardDeliveries(tx, alertId);
    await deps.notifier.update(deliveries, composeCard(alert, await namesOnAlert(tx, alert)));
  });
}
