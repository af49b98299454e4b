import type { ActionHandler, Actor, CommandHandler, FormHandler } from "../../app/feature.ts";
import { type FormView, type Reply, textMessage } from "../../chat/index.ts";
import { hasAnyRole } from "../../partnerships/index.ts";
import { createTranslator, type Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findNightShelters } from "../alerts.directory.ts";
import { readCount } from "../cold-nights/cold-night-forms.ts";
import { isUuid } from "../cold-nights/cold-night-card.ts";
import { BEDS_ACTIONS, bedsValue, composeBedBoard, sendBoard } from "./bed-board-card.ts";
import { loadBedBoard } from "./bed-board.repository.ts";
import { parseBedsArgs } from "./beds-args.ts";
import { bedsMessages, type BedsKey } from "./beds.messages.ts";
import { bedNight, reportBeds, type BedCounts, type BedReportOutcome } from "./report-beds.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";

const translatorFor = (actor: Actor): Translate<BedsKey> => createNightTranslator(bedsMessages, actor.locale, actor.partnership.timeZone);
const BEDS_FORM = "beds.report";

function outcomeText(t: Translate<BedsKey>, outcome: BedReportOutcome): string {
  if (outcome.kind === "recorded") return t("recorded", { shelter: outcome.shelter.shelterName, night: outcome.night });
  if (outcome.kind === "forbidden") return t("notAllowed", { shelter: outcome.shelterName });
  return t("noShelters");
}

async function showBoard(deps: AlertsDeps, actor: Actor, reply: Reply, requestKey: string | undefined): Promise<void> {
  const night = await bedNight(deps, actor.partnership);
  const key = `beds:${actor.partnership.id}:${night}:asked:${requestKey ?? deps.clock.now().getTime()}`;
  // The reply is the person's own live copy of the board, updated in place as the shelters report.
  const sent = await deps.transact((w) => sendBoard(w.notifier, actor.partnership.id, night, [actor.member.id], key));
  if (sent > 0) return;
  const board = await loadBedBoard(deps.db, actor.partnership.id, night);
  await reply.whisper(composeBedBoard(board, "all")({ locale: actor.locale, timeZone: actor.partnership.timeZone }));
}

/** `platser` shows tonight's bed board; `platser 12 lediga`, `platser fullt`, `platser 4 nekade` report for your shelter. */
export function createBedsCommand(deps: AlertsDeps): CommandHandler {
  return {
    words: { sv: ["platser"], en: ["beds"] },
    help: (locale) => createTranslator(bedsMessages, locale)("help"),
    async run({ event, actor, args, reply }) {
      const t = translatorFor(actor);
      const request = parseBedsArgs(args);
      if (request.kind === "invalid") return void (await reply.whisper(textMessage(t("invalidArgs", { token: request.token }))));
      if (request.kind === "show") return showBoard(deps, actor, reply, event.delivery);
      const shelters = await findNightShelters(deps.db, actor.partnership.id);
      const mine = shelters.filter((s) => s.staffMemberIds.includes(actor.member.id));
      const theirs =
        mine.length > 0 ? mine : hasAnyRole(actor.member, ["coordinator"]) ? shelters.filter((s) => s.organisationId === actor.member.organisationId) : [];
      if (theirs.length !== 1) return void (await reply.whisper(textMessage(t(theirs.length === 0 ? "notStaff" : "whichShelter"))));
      const outcome = await reportBeds(deps, { partnership: actor.partnership, member: actor.member, activityId: theirs[0]!.id, counts: request.counts });
      await reply.whisper(textMessage(outcomeText(t, outcome)));
    },
  };
}

function bedsForm(t: Translate<BedsKey>, shelterName: string, value: string, initial: BedCounts, errors?: Record<string, string>): FormView {
  const text = (n: number | undefined) => (n === undefined ? {} : { initial: String(n) });
  return {
    formId: BEDS_FORM,
    title: t("formTitle"),
    intro: t("formIntro", { shelter: shelterName }),
    submitLabel: t("submit"),
    state: value,
    fields: [
      { id: "free", label: t("freeLabel"), kind: "number", required: true, ...text(initial.free) },
      { id: "women", label: t("freeWomenLabel"), kind: "number", required: false, ...text(initial.freeWomen) },
      { id: "away", label: t("turnedAwayLabel"), kind: "number", required: false, ...text(initial.turnedAway) },
    ],
    ...(errors === undefined ? {} : { errors }),
  };
}

function readValue(value: string): { activityId: string } | undefined {
  const [activityId = ""] = value.split("|");
  return isUuid(activityId) ? { activityId } : undefined;
}

/** The board's buttons: "Fullt" reports no free places in one tap; "Rapportera platser" opens the form. */
export function createBedsActions(deps: AlertsDeps): ActionHandler {
  return {
    prefix: "beds.",
    async run({ event, actor, reply }) {
      const t = translatorFor(actor);
      const target = readValue(event.value);
      const board = target && (await loadBedBoard(deps.db, actor.partnership.id, await bedNight(deps, actor.partnership)));
      const shelter = target && board?.shelters.find((s) => s.activityId === target.activityId);
      if (shelter === undefined) return void (await reply.whisper(textMessage(t("noShelters"))));
      if (event.actionId === BEDS_ACTIONS.full) {
        const outcome = await reportBeds(deps, {
          partnership: actor.partnership,
          member: actor.member,
          activityId: shelter.activityId,
          counts: { free: 0, freeWomen: 0 },
        });
        return void (await reply.whisper(textMessage(outcomeText(t, outcome))));
      }
      if (event.actionId !== BEDS_ACTIONS.report) return;
      const initial = {
        ...(shelter.free === null ? {} : { free: shelter.free }),
        ...(shelter.freeWomen === null ? {} : { freeWomen: shelter.freeWomen }),
        turnedAway: shelter.turnedAway,
      };
      await reply.openForm(bedsForm(t, shelter.shelterName, bedsValue(shelter.activityId, board!.night), initial));
    },
  };
}

/** The "places tonight" form: free now, of which women's places, turned away so far. */
export function createBedsForms(deps: AlertsDeps): FormHandler {
  return {
    prefix: "beds.",
    async submit({ event, actor }) {
      const t = translatorFor(actor);
      const target = readValue(event.state);
      const shelter = target && (await findNightShelters(deps.db, actor.partnership.id)).find((s) => s.id === target.activityId);
      if (target === undefined || shelter === undefined) return { ok: true, message: textMessage(t("noShelters")) };
      const free = readCount(event.values.free, 0, 10_000);
      const optional = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() === "" ? null : readCount(v ?? "", 0, 10_000));
      const women = event.values.women === undefined ? null : optional(event.values.women);
      const away = event.values.away === undefined ? null : optional(event.values.away);
      const errors: Record<string, string> = {
        ...(free === undefined ? { free: t("invalidCount") } : {}),
        ...(women === undefined ? { women: t("invalidCount") } : {}),
        ...(away === undefined ? { away: t("invalidCount") } : {}),
      };
      if (Object.keys(errors).length === 0 && women !== null && women !== undefined && free !== undefined && women > free)
        errors.women = t("womenMoreThanFree");
      if (Object.keys(errors).length > 0) {
        const typed = (v: string | string[] | undefined) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined);
        const initial = { ...(typed(event.values.free) === undefined ? {} : { free: typed(event.values.free)! }) };
        return { ok: false, errors, form: bedsForm(t, shelter.name, event.state, initial, errors) };
      }
      const counts: BedCounts = {
        free: free!,
        ...(women === null || women === undefined ? {} : { freeWomen: women }),
        ...(away === null || away === undefined ? {} : { turnedAway: away }),
      };
      const outcome = await reportBeds(deps, { partnership: actor.partnership, member: actor.member, activityId: target.activityId, counts });
      return { ok: true, message: textMessage(outcomeText(t, outcome)) };
    },
  };
}
