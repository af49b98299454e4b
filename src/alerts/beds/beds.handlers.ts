import type { ActionHandler, Actor, CommandHandler, FormHandler } from "../../app/feature.ts";
import { type Reply, textMessage } from "../../chat/index.ts";
import { readFormValues, typedAnswers } from "../../forms/index.ts";
import { createTranslator, type Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findNightShelters, sheltersOf } from "../alerts.directory.ts";
import { isUuid } from "../../shared/uuid.ts";
import { BEDS_ACTIONS, bedsValue, composeBedBoard, sendBoard } from "./bed-board.card.ts";
import { loadBedBoard } from "./bed-board.repository.ts";
import { BEDS_WORDS, parseBedsArgs } from "./beds-args.ts";
import { bedsMessages, type BedsKey } from "./beds.messages.ts";
import { bedsAnswers, bedsDefinition, bedsForm, countsOf } from "./beds-form.ts";
import { bedNight, reportBeds, type BedReportOutcome } from "./report-beds.ts";
import { createNightTranslator } from "../cold-nights/night-name.ts";

const translatorFor = (actor: Actor): Translate<BedsKey> => createNightTranslator(bedsMessages, actor.locale, actor.partnership.timeZone);

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
    words: BEDS_WORDS,
    help: (locale) => createTranslator(bedsMessages, locale)("help"),
    async run({ event, actor, args, reply }) {
      const t = translatorFor(actor);
      const request = parseBedsArgs(args);
      if (request.kind === "invalid") return void (await reply.whisper(textMessage(t("invalidArgs", { token: request.token }))));
      if (request.kind === "show") return showBoard(deps, actor, reply, event.delivery);
      const theirs = sheltersOf(await findNightShelters(deps.db, actor.partnership.id), actor.member);
      if (theirs.length !== 1) return void (await reply.whisper(textMessage(t(theirs.length === 0 ? "notStaff" : "whichShelter"))));
      const outcome = await reportBeds(deps, { partnership: actor.partnership, member: actor.member, activityId: theirs[0]!.id, counts: request.counts });
      await reply.whisper(textMessage(outcomeText(t, outcome)));
    },
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
      await reply.openForm(bedsForm(actor.locale, shelter.shelterName, bedsValue(shelter.activityId, board!.night), bedsAnswers(initial)));
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
      const reading = readFormValues(bedsDefinition(), event.values, actor.locale);
      if (!reading.ok)
        return {
          ok: false,
          errors: reading.errors,
          form: bedsForm(actor.locale, shelter.name, event.state, typedAnswers(event.values, reading), reading.errors),
        };
      const counts = countsOf(reading.answers);
      const outcome = await reportBeds(deps, { partnership: actor.partnership, member: actor.member, activityId: target.activityId, counts });
      return { ok: true, message: textMessage(outcomeText(t, outcome)) };
    },
  };
}
