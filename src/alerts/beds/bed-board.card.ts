import { z } from "zod";
import type { Block, Button, Compose, Notifier } from "../../chat/index.ts";
import type { Db } from "../../db/database.ts";
import { defineRenderer, type OutboxRenderer } from "../../outbox/index.ts";
import { hasAnyRole } from "../../partnerships/index.ts";
import type { Translate } from "../../shared/i18n.ts";
import { findReader } from "../alerts.directory.ts";
import { bedBoardCard, totalsOf, type BedBoard, type ShelterBeds } from "./bed-board.ts";
import { loadBedBoard } from "./bed-board.repository.ts";
import { bedsMessages, type BedsKey } from "./beds.messages.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";
import { shelterLabel } from "../shelter-label.ts";

type T = Translate<BedsKey>;

/** Action ids of the board's buttons; the value is `<activityId>|<night>`. */
export const BEDS_ACTIONS = { full: "beds.full", report: "beds.report" } as const;

const BOARD_RENDERER = "beds.board";
// Two blocks a shelter: past this many the board would outgrow a Slack message; staff then write `platser 12 lediga`.
const MAX_SHELTER_ROWS = 15;

/** The value of a shelter's board buttons. */
export function bedsValue(activityId: string, night: string): string {
  return `${activityId}|${night}`;
}

/** What one shelter's line on the board says. */
export function shelterSummary(t: T, s: ShelterBeds): string {
  const parts = [t("shelterLine", { places: s.places, women: s.placesWomen })];
  // Free women's places only where the shelter has any.
  parts.push(
    s.free === null ? t("notReported") : t("freeLine", { free: s.free, ...(s.freeWomen === null || s.placesWomen === 0 ? {} : { freeWomen: s.freeWomen }) }),
  );
  if (s.extra > 0) parts.push(t("extraLine", { extra: s.extra, extraWomen: s.extraWomen }));
  if (s.turnedAway > 0) parts.push(t("turnedAwayLine", { away: s.turnedAway }));
  return parts.join(" · ");
}

/** The board: each night shelter's places, free now, extra and turned away, the totals, and report buttons for the reader's shelters. */
export function composeBedBoard(board: BedBoard, answerable: "all" | ReadonlySet<string>): Compose {
  return ({ locale, timeZone }) => {
    const t: T = createNightTranslator(bedsMessages, locale, timeZone);
    const totals = totalsOf(board);
    const title = t("title", { night: board.night });
    const blocks: Block[] = [
      { type: "heading", text: title },
      { type: "facts", facts: board.shelters.map((s) => ({ label: shelterLabel(s), value: shelterSummary(t, s) })) },
      { type: "text", text: t("totals", { places: totals.places, women: totals.placesWomen, shelters: totals.shelters }) },
      { type: "text", text: t("totalsFree", { free: totals.free, reported: totals.reported, shelters: totals.shelters }) },
      { type: "text", text: t("totalsExtra", { extra: totals.extra, extraWomen: totals.extraWomen, away: totals.turnedAway }) },
    ];
    if (totals.updatedAt !== null) blocks.push({ type: "text", text: t("updated", { at: totals.updatedAt }) });
    const mine = board.shelters.filter((s) => answerable === "all" || answerable.has(s.activityId));
    if (mine.length > 0 && mine.length <= MAX_SHELTER_ROWS) {
      for (const s of mine) blocks.push({ type: "text", text: s.shelterName }, { type: "buttons", buttons: shelterButtons(t, s, board.night) });
      blocks.push({ type: "text", text: t("countsOnly") });
    }
    return { text: `${title}: ${t("totalsFree", { free: totals.free, reported: totals.reported, shelters: totals.shelters })}`, blocks };
  };
}

function shelterButtons(t: T, s: ShelterBeds, night: string): Button[] {
  const value = bedsValue(s.activityId, night);
  return [
    { actionId: BEDS_ACTIONS.full, label: t("buttonFull"), value, style: "danger" },
    { actionId: BEDS_ACTIONS.report, label: t("buttonReport"), value, style: "primary" },
  ];
}

const boardPayload = z.object({ partnershipId: z.string().min(1), night: z.iso.date(), memberId: z.uuid().optional() });

/** Renders the board from the rows when it is sent or refreshed; a reader's copy has buttons for the shelters they may report for. */
export function createBedBoardRenderer(db: Db): OutboxRenderer {
  return defineRenderer({
    name: BOARD_RENDERER,
    payload: boardPayload,
    async render({ partnershipId, night, memberId }, audience) {
      const board = await loadBedBoard(db, partnershipId, night);
      if (memberId === undefined) return composeBedBoard(board, "all")(audience);
      const reader = await findReader(db, partnershipId, memberId);
      if (reader === undefined) return undefined;
      const answerable = hasAnyRole(reader, ["samordning", "admin"])
        ? "all"
        : new Set(
            board.shelters
              .filter((s) => reader.staffOf.has(s.activityId) || (hasAnyRole(reader, ["coordinator"]) && s.organisationId === reader.organisationId))
              .map((s) => s.activityId),
          );
      return composeBedBoard(board, answerable)(audience);
    },
  });
}

/** Records a live copy of the night's board to each member under `key`; returns how many could be reached. */
export async function sendBoard(notifier: Notifier, partnershipId: string, night: string, memberIds: readonly string[], key: string): Promise<number> {
  let reached = 0;
  for (const memberId of new Set(memberIds)) {
    reached += await notifier.toMember(
      memberId,
      { render: BOARD_RENDERER, payload: { partnershipId, night, memberId } },
      { key, card: bedBoardCard(partnershipId, night) },
    );
  }
  return reached;
}
