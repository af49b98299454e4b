import { z } from "zod";
import type { Notifier } from "../../chat/notifier.ts";
import type { Db } from "../../db/database.ts";
import { defineRenderer, type OutboxRenderer } from "../../outbox/index.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { composeCard } from "./cold-night-card.ts";
import type { ColdNightAlert } from "./cold-night.ts";
import { loadAlert } from "./cold-night.repository.ts";

/** The renderer name of the live cold-night card. */
const CARD_RENDERER = "coldnight.card";

/** Every copy of one alert's card shares this id, so one refresh re-renders them all. */
export function coldNightCard(alertId: string): string {
  return `coldnight:${alertId}`;
}

/** Display names of everyone the alert's card mentions. */
export async function namesOnAlert(db: Db, alert: ColdNightAlert): Promise<Map<string, string>> {
  const ids = [alert.declaredBy, alert.closedBy, ...alert.responses.flatMap((r) => [r.answeredBy])].filter((id): id is string => id !== null);
  return findDisplayNames(db, [...new Set(ids)]);
}

/** Renders the card from the rows at the moment it is sent or refreshed, so every copy shows the current tally. */
export function createColdNightCardRenderer(db: Db): OutboxRenderer {
  return defineRenderer({
    name: CARD_RENDERER,
    payload: z.object({ alertId: z.uuid() }),
    async render({ alertId }, audience) {
      const alert = await loadAlert(db, alertId);
      return alert === undefined ? undefined : composeCard(alert, await namesOnAlert(db, alert))(audience);
    },
  });
}

/**
 * Records the card for the partnership's alert channels (or its general channels when it has none) on every
 * platform; returns how many channels it goes to.
 */
export async function postCard(notifier: Notifier, alert: ColdNightAlert): Promise<number> {
  const live = { render: CARD_RENDERER, payload: { alertId: alert.id } };
  const options = { key: `coldnight:${alert.id}:card`, card: coldNightCard(alert.id) };
  const posted = await notifier.toChannels(alert.partnershipId, { purpose: "alerts" }, live, options);
  return posted > 0 ? posted : notifier.toChannels(alert.partnershipId, { purpose: "partnership" }, live, options);
}

/** Asks for every copy of the card to be re-rendered in place (coalesced: answers close together make one refresh). */
export async function refreshCard(notifier: Notifier, alert: { id: string; partnershipId: string }): Promise<void> {
  await notifier.refreshCard(coldNightCard(alert.id), alert.partnershipId);
}
