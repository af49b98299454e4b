import type { Actor } from "../../app/feature.ts";
import type { Answers, FormSession } from "../../forms/index.ts";
import type { Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { answerColdNight, type AnswerOutcome } from "./answer-cold-night.ts";
import { loadBedBoard } from "../beds/bed-board.repository.ts";
import type { ColdNightAlert, ShelterResponse } from "./cold-night.ts";
import { followUpAnswers, followUpOf, placesOf } from "./cold-night.forms.ts";
import { coldNightMessages, type ColdNightKey } from "./cold-nights.messages.ts";
import { recordColdNightFollowUp } from "./follow-up-cold-night.ts";
import { createNightTranslator } from "./night-name.ts";

/** The cold-night catalogue in the actor's language, nights said by name. */
export const translatorFor = (actor: Actor): Translate<ColdNightKey> => createNightTranslator(coldNightMessages, actor.locale, actor.partnership.timeZone);

/** What a shelter's answer (a button, the form or the conversation) came to, for the person who gave it. */
export function answerText(t: Translate<ColdNightKey>, outcome: AnswerOutcome): string {
  if (outcome.kind === "answered") return t("answerThanks", { shelter: outcome.shelter.shelterName, night: outcome.alert.night });
  if (outcome.kind === "forbidden") return t("notAllowedAnswer", { shelter: outcome.shelter.shelterName });
  if (outcome.kind === "closed") return t("alertClosed", { night: outcome.alert.night });
  return t("unknownAlert");
}

/** One shelter on one alert, as a form's state or a conversation's subject names it. */
export interface ShelterTarget {
  alertId: string;
  activityId: string;
}

/** What submitting came to: whether anything was recorded, and what to tell the person. */
export interface Submitted {
  recorded: boolean;
  text: string;
}

/**
 * Records places the engine accepted (in the view or the conversation, whose session is then done in the same
 * transaction); the domain's own refusals (closed, not theirs) are said here.
 */
export async function submitPlaces(deps: AlertsDeps, actor: Actor, target: ShelterTarget, answers: Answers, session?: FormSession): Promise<Submitted> {
  const request = { ...target, answer: "opening" as const, ...placesOf(answers), member: actor.member };
  const outcome = await answerColdNight(deps, session === undefined ? request : { ...request, session });
  return { recorded: outcome.kind === "answered", text: answerText(translatorFor(actor), outcome) };
}

/** Records the morning figures the engine accepted, as `submitPlaces` records places. */
export async function submitFollowUp(deps: AlertsDeps, actor: Actor, target: ShelterTarget, answers: Answers, session?: FormSession): Promise<Submitted> {
  const request = { ...target, ...followUpOf(answers), member: actor.member };
  const outcome = await recordColdNightFollowUp(deps, session === undefined ? request : { ...request, session });
  const t = translatorFor(actor);
  if (outcome.kind === "recorded") return { recorded: true, text: t("followUpThanks", { shelter: outcome.shelter.shelterName, night: outcome.alert.night }) };
  return { recorded: false, text: outcome.kind === "forbidden" ? t("notAllowedAnswer", { shelter: outcome.shelter.shelterName }) : t("unknownAlert") };
}

/** What the morning figures start from: those reported, else the people the shelter turned away on the bed board that night. */
export async function followUpStart(deps: AlertsDeps, alert: ColdNightAlert, shelter: ShelterResponse): Promise<Answers> {
  if (shelter.placesUsed !== null) return followUpAnswers(shelter);
  const board = await loadBedBoard(deps.db, alert.partnershipId, alert.night);
  return followUpAnswers(shelter, board.shelters.find((s) => s.activityId === shelter.activityId)?.turnedAway);
}
