import { z } from "zod";
import type { ConversationRef, Notifier, Platform } from "../../chat/index.ts";
import type { Db } from "../../db/database.ts";
import type { Clock } from "../../shared/clock.ts";
import { createFormatters } from "../../shared/i18n.ts";
import { defineRenderer, type OutboxRenderer } from "../../outbox/index.ts";
import { hasAnyRole } from "../../partnerships/index.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findDisplayNames, findReader, type AlertReader } from "../alerts.directory.ts";
import { CHANNEL_VIEW, composeCard, type CardView } from "./cold-night.card.ts";
import { isQuiet, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { loadAlert } from "./cold-night.repository.ts";
import { coldNightMessages } from "./cold-nights.messages.ts";
import { loadBedBoard } from "../beds/bed-board.repository.ts";
import type { BedBoard } from "../beds/bed-board.ts";
import { createMicroBatch } from "../../shared/micro-batch.ts";
import { createNightTranslator } from "./night-name.ts";
import { shelterLabel } from "../shelter-label.ts";

/** The renderer name of the live cold-night card. */
const CARD_RENDERER = "coldnight.card";

/** Why a person got their own copy of the card: asked, reminded, escalated to, or as the declarer. */
export const COPY_NOTICES = ["prompt", "staff", "coordinator", "samordning", "quiet", "declared", "existing"] as const;
export type CopyNotice = (typeof COPY_NOTICES)[number];

const ESCALATIONS: ReadonlySet<CopyNotice> = new Set(["staff", "coordinator", "samordning", "quiet"]);

const copyPayload = z.object({
  alertId: z.uuid(),
  memberId: z.uuid().optional(),
  notice: z.enum(COPY_NOTICES).optional(),
  /** For "declared": the shelters nobody could be reached for. */
  unreached: z.array(z.uuid()).optional(),
  /** For an escalation: only these shelters (samordning standing in for a rung nobody could be reached at). */
  only: z.array(z.uuid()).optional(),
});
type CopyPayload = z.infer<typeof copyPayload>;

/** Every copy of one alert's card shares this id, so one refresh re-renders them all. */
export function coldNightCard(alertId: string): string {
  return `coldnight:${alertId}`;
}

/** Display names of everyone the alert's card mentions. */
export async function namesOnAlert(db: Db, alert: ColdNightAlert): Promise<Map<string, string>> {
  const ids = [alert.declaredBy, alert.closedBy, alert.acknowledgedBy, ...alert.responses.flatMap((r) => [r.answeredBy])].filter(
    (id): id is string => id !== null,
  );
  return findDisplayNames(db, [...new Set(ids)]);
}

/** The shelters a notice is about for this reader: still silent, within what the notice reaches them for. */
function silentFor(alert: ColdNightAlert, reader: AlertReader, notice: CopyNotice, only: readonly string[] | undefined): ShelterResponse[] {
  const pending = alert.responses.filter((r) => r.answer === "pending" && (only === undefined || only.includes(r.activityId)));
  if (notice === "staff" || notice === "quiet") return pending.filter((r) => reader.staffOf.has(r.activityId));
  const loud = pending.filter((r) => !isQuiet(alert, r));
  if (notice === "coordinator") return loud.filter((r) => r.organisationId === reader.organisationId);
  return loud;
}

/**
 * What buttons a reader's copy shows, and samordning's own. A shelter's staff keep theirs (a later answer replaces
 * the first); those who stand in for it (its coordinators, samordning) have them only while it is silent, so an
 * answered shelter shows its answer and nothing to press.
 */
function viewOf(alert: ColdNightAlert, reader: AlertReader): CardView {
  const samordning = hasAnyRole(reader, ["samordning", "admin"]);
  const standsInFor = (r: ShelterResponse) => samordning || (hasAnyRole(reader, ["coordinator"]) && r.organisationId === reader.organisationId);
  const mine = alert.responses.filter((r) => reader.staffOf.has(r.activityId) || (r.answer === "pending" && standsInFor(r)));
  return { answerable: new Set(mine.map((r) => r.activityId)), samordning };
}

/** What every copy of a card is drawn from: the alert with its answers, the names it shows, and tonight's beds. */
interface CardRows {
  alert: ColdNightAlert;
  names: Map<string, string>;
  beds: BedBoard;
}

async function readCard(db: Db, alertId: string): Promise<CardRows | undefined> {
  const alert = await loadAlert(db, alertId);
  if (alert === undefined) return undefined;
  const [names, beds] = await Promise.all([namesOnAlert(db, alert), loadBedBoard(db, alert.partnershipId, alert.night)]);
  return { alert, names, beds };
}

/**
 * Renders the card from the rows at the moment it is sent or refreshed, so every copy shows the current tally. A
 * reminder or escalation whose shelters have all answered (or been acknowledged) by the time it is sent is not sent.
 */
export function createColdNightCardRenderer(db: Db, clock: Clock): OutboxRenderer {
  // Copies rendered at once (a declaration's fifty, or a refresh of them all) read their alert's rows together: one
  // read for all of them, each begun after every copy in it asked, so no copy shows older rows than it would alone.
  const readCards = createMicroBatch(async (alertIds: readonly string[]) => {
    const distinct = [...new Set(alertIds)];
    const read = new Map(await Promise.all(distinct.map(async (id) => [id, await readCard(db, id)] as const)));
    return alertIds.map((id) => read.get(id));
  });
  return defineRenderer({
    name: CARD_RENDERER,
    payload: copyPayload,
    async render(payload: CopyPayload, audience, { refresh }) {
      const rows = await readCards(payload.alertId);
      if (rows === undefined) return undefined;
      const { alert, names, beds } = rows;
      if (payload.memberId === undefined) return composeCard(alert, names, clock.now(), { ...CHANNEL_VIEW, beds })(audience);
      const reader = await findReader(db, alert.partnershipId, payload.memberId);
      if (reader === undefined) return undefined;
      const notice = payload.notice ?? "existing";
      const t = createNightTranslator(coldNightMessages, audience.locale, audience.timeZone);
      const formatters = createFormatters(audience.locale, audience.timeZone);
      const named = (rs: readonly ShelterResponse[]) => rs.map(shelterLabel);
      const shelterNames = (ids: readonly string[]) => alert.responses.filter((r) => ids.includes(r.activityId)).map((r) => r.shelterName);
      let text: string | undefined;
      if (ESCALATIONS.has(notice)) {
        const silent = silentFor(alert, reader, notice, payload.only);
        // The one place a step could still reach someone after the answer: the row was written just before it.
        if (!refresh && (silent.length === 0 || alert.status === "closed")) return undefined;
        if (silent.length > 0)
          text = t(`notice.${notice as "staff" | "coordinator" | "samordning" | "quiet"}`, {
            shelters: formatters.list(named(silent)),
            night: alert.night,
            at: alert.declaredAt,
          });
      } else if (notice === "prompt") {
        const mine = alert.responses.filter((r) => reader.staffOf.has(r.activityId)).map((r) => r.shelterName);
        const by = alert.declaredBy === null ? "Samverka" : (names.get(alert.declaredBy) ?? "");
        text = t("notice.prompt", { by, night: alert.night, shelters: formatters.list(mine) });
      } else if (notice === "declared") {
        const unreached = payload.unreached ?? [];
        text =
          unreached.length === 0
            ? t("declared", { night: alert.night })
            : t(unreached.length === alert.responses.length ? "declaredNobody" : "declaredUnreached", {
                night: alert.night,
                shelters: shelterNames(unreached).join(", "),
              });
      } else {
        text = t(alert.status === "closed" ? "alertClosed" : "notice.existing", { night: alert.night });
      }
      return composeCard(alert, names, clock.now(), { ...viewOf(alert, reader), beds, ...(text === undefined ? {} : { notice: text }) })(audience);
    },
  });
}

/** A live copy of the card for one person, with the notice saying why they got it; the rows decide what it shows. */
export function cardCopy(alertId: string, memberId: string, notice: CopyNotice, extra: { unreached?: string[]; only?: string[] } = {}) {
  return { render: CARD_RENDERER, payload: { alertId, memberId, notice, ...extra } };
}

/** Records one live copy of the card to each member under `key`; returns how many could be reached. */
export async function sendCopies(
  notifier: Notifier,
  alertId: string,
  memberIds: readonly string[],
  notice: CopyNotice,
  key: string,
  extra: { only?: string[]; unreached?: string[] } = {},
): Promise<number> {
  const options = { key, card: coldNightCard(alertId) };
  return notifier.toMembers([...new Set(memberIds)].map((memberId) => ({ memberId, content: cardCopy(alertId, memberId, notice, extra), options })));
}

/** Which of the partnership's channels carry the cold-night card: its alerts channels, or its general ones when it has none. */
export type CardChannels = "alerts" | "partnership";

/**
 * Records the card for the partnership's alert channels (or its general channels when it has none) on every
 * platform; returns which channels it goes to (undefined: none on any configured platform).
 */
export async function postCard(notifier: Notifier, alert: ColdNightAlert): Promise<CardChannels | undefined> {
  const live = { render: CARD_RENDERER, payload: { alertId: alert.id } };
  const options = { key: `coldnight:${alert.id}:card`, card: coldNightCard(alert.id) };
  if ((await notifier.toChannels(alert.partnershipId, { purpose: "alerts" }, live, options)) > 0) return "alerts";
  return (await notifier.toChannels(alert.partnershipId, { purpose: "partnership" }, live, options)) > 0 ? "partnership" : undefined;
}

/** Whether the conversation something was done in is one of the channels the card went to (`postCard`'s answer). */
export async function cardIsIn(
  deps: AlertsDeps,
  alert: ColdNightAlert,
  card: CardChannels | undefined,
  where: { platform: Platform; conversation: ConversationRef },
): Promise<boolean> {
  const channelId = deps.channelIdOf(where.platform, where.conversation);
  if (card === undefined || channelId === undefined) return false;
  const channel = await deps.db
    .selectFrom("channels")
    .select("id")
    .where("partnership_id", "=", alert.partnershipId)
    .where("platform", "=", where.platform)
    .where("conversation", "=", channelId)
    .where("purpose", "=", card)
    .where("active", "=", true)
    .executeTakeFirst();
  return channel !== undefined;
}

/** Asks for every copy of the card to be re-rendered in place (coalesced: answers close together make one refresh). */
export async function refreshCard(notifier: Notifier, alert: { id: string; partnershipId: string }): Promise<void> {
  await notifier.refreshCard(coldNightCard(alert.id), alert.partnershipId);
}
