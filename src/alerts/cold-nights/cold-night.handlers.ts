import { DateTime } from "luxon";
import type { ActionHandler, Actor, CommandHandler, FormHandler } from "../../app/feature.ts";
import {
  type ConversationRef,
  type FormResult,
  type FormValues,
  type FormView,
  type Message,
  type Platform,
  type Reply,
  textMessage,
} from "../../chat/index.ts";
import { readFormValues, typedAnswers, type Answers, type FormDefinition } from "../../forms/index.ts";
import { createTranslator, type Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { answerColdNight, findShelterOnAlert, mayAnswerFor } from "./answer-cold-night.ts";
import { closeColdNight, type CloseOutcome } from "./close-cold-night.ts";
import { answerText, followUpStart, submitFollowUp, submitPlaces, translatorFor } from "./cold-night-answers.ts";
import { COLD_NIGHT_WORDS, parseColdNightArgs } from "./cold-night-args.ts";
import { COLD_NIGHT_ACTIONS, parseShelterValue } from "./cold-night.card.ts";
import { isUuid } from "../../shared/uuid.ts";
import { COLD_NIGHT_CHAT_ACTION, COLD_NIGHT_CONVERSATION_ACTIONS, type ColdNightConversation } from "./cold-night.conversation.ts";
import { cardIsIn } from "./cold-night.notices.ts";
import { COLD_NIGHT_FORMS, followUpDefinition, followUpForm, placesDefinition, placesForm, restartDefinition, restartForm } from "./cold-night.forms.ts";
import { acknowledgeColdNight, type AcknowledgeOutcome } from "./acknowledge-cold-night.ts";
import { restartLadder, type RestartOutcome } from "./escalate-cold-night.ts";
import { ladderFor } from "./escalation-ladder.ts";
import { loadAlert } from "./cold-night.repository.ts";
import { hasAnyRole } from "../../partnerships/index.ts";
import { loadColdNightSettings } from "./cold-night-settings.ts";
import { findAlertIdByNight, findOpenAlerts } from "./cold-night.repository.ts";
import { coldNightMessages, roleNamesPlural, type ColdNightKey } from "./cold-nights.messages.ts";
import { declareColdNight, type DeclareOutcome } from "./declare-cold-night.ts";

function declareText(t: Translate<ColdNightKey>, outcome: Exclude<DeclareOutcome, { kind: "repeated" }>, night: string, locale: Actor["locale"]): string {
  switch (outcome.kind) {
    case "declared":
      if (outcome.unreached.length === 0) return t("declared", { night });
      return t(outcome.unreached.length === outcome.alert.responses.length ? "declaredNobody" : "declaredUnreached", {
        night,
        shelters: outcome.unreached.join(", "),
      });
    case "existing":
      return t("alreadyDeclared", { night, by: outcome.declaredByName, at: outcome.alert.declaredAt, total: outcome.total });
    case "forbidden": {
      const roles = createTranslator(roleNamesPlural, locale);
      return t("notAllowedDeclare", { roles: outcome.roles.map((r) => roles(r)).join(", ") });
    }
    case "not_configured":
      return t("notConfigured");
    case "night_over":
      return t("nightOver", { night });
    case "no_shelters":
      return t("noShelters");
  }
}

async function declare(
  deps: AlertsDeps,
  actor: Actor,
  reply: Reply,
  where: { platform: Platform; conversation: ConversationRef },
  request: { night: string; temperatureC: number | undefined; requestKey: string | undefined },
): Promise<void> {
  const outcome = await declareColdNight(deps, { partnership: actor.partnership, declaredBy: actor.member, ...request });
  // Handled again after a crash: the declarer's copy was recorded with the declaration and goes out once; no more.
  if (outcome.kind === "repeated") return;
  const message = textMessage(declareText(translatorFor(actor), outcome, request.night, actor.locale));
  if (outcome.kind !== "declared") {
    if (outcome.kind !== "existing" || !outcome.copied) await reply.whisper(message);
    return;
  }
  // A new night is news for everyone where it was declared, unless the card itself is posted there and the text
  // would only repeat it: it says more than the card only when some shelter's staff could not be reached.
  const news = outcome.unreached.length > 0 || !(await cardIsIn(deps, outcome.alert, outcome.card, where));
  // The person's own answer is their live copy of the card, recorded with the alert, when they could be reached;
  // only without one are they told here.
  if (outcome.copied) {
    if (news) await reply.announce(message);
  } else await (news ? reply.say(message) : reply.whisper(message));
}

async function close(deps: AlertsDeps, actor: Actor, reply: Reply, alertId: string): Promise<void> {
  const t = translatorFor(actor);
  const outcome: CloseOutcome = await closeColdNight(deps, alertId, actor.member);
  const text =
    outcome.kind === "closed"
      ? outcome.followUpAt === undefined
        ? t("closedReplyNow", { night: outcome.alert.night })
        : t("closedReply", { night: outcome.alert.night, at: outcome.followUpAt })
      : outcome.kind === "already_closed"
        ? t("alreadyClosed", { night: outcome.alert.night })
        : outcome.kind === "forbidden"
          ? t("notAllowedClose")
          : t("unknownAlert");
  await reply.whisper(textMessage(text));
}

async function acknowledge(deps: AlertsDeps, actor: Actor, reply: Reply, alertId: string): Promise<void> {
  const t = translatorFor(actor);
  const outcome: AcknowledgeOutcome = await acknowledgeColdNight(deps, alertId, actor.member);
  const text =
    outcome.kind === "acknowledged"
      ? t("acknowledged", { night: outcome.alert.night })
      : outcome.kind === "already"
        ? t("alreadyAcknowledged", { night: outcome.alert.night })
        : outcome.kind === "closed"
          ? t("alertClosed", { night: outcome.alert.night })
          : outcome.kind === "forbidden"
            ? t("notAllowedAcknowledge")
            : t("unknownAlert");
  await reply.whisper(textMessage(text));
}

function restartText(t: Translate<ColdNightKey>, outcome: RestartOutcome): string {
  switch (outcome.kind) {
    case "restarted":
      return t("restarted", { shelter: outcome.shelter.shelterName, step: String(outcome.step), rung: t(`rung.${outcome.rung}`) });
    case "answered":
      return t("restartAnswered", { shelter: outcome.shelter.shelterName });
    case "closed":
      return t("alertClosed", { night: outcome.alert.night });
    case "forbidden":
      return t("notAllowedRestart");
    case "not_found":
      return t("unknownAlert");
  }
}

async function openRestart(deps: AlertsDeps, actor: Actor, reply: Reply, alertId: string): Promise<void> {
  const t = translatorFor(actor);
  if (!hasAnyRole(actor.member, ["samordning", "admin"])) return void (await reply.whisper(textMessage(t("notAllowedRestart"))));
  const alert = await loadAlert(deps.db, alertId);
  const ladder = alert === undefined || alert.partnershipId !== actor.partnership.id ? undefined : await ladderFor(deps, alert.partnershipId);
  if (alert === undefined || ladder === undefined) return void (await reply.whisper(textMessage(t("unknownAlert"))));
  if (alert.status === "closed") return void (await reply.whisper(textMessage(t("alertClosed", { night: alert.night }))));
  if (!alert.responses.some((r) => r.answer === "pending")) return void (await reply.whisper(textMessage(t("restartNothing"))));
  await reply.openForm(restartForm(actor.locale, alert, ladder.minutes.length));
}

/** Between 00.00 and 06.00 "kallnatt" may mean the night under way or the coming one: one button each. */
function askWhichNight(t: Translate<ColdNightKey>, [underWay, coming]: [string, string], temperatureC: number | undefined): Message {
  const value = (night: string) => `${night}|${temperatureC ?? ""}`;
  const text = t("askWhichNight");
  return {
    text,
    blocks: [
      { type: "text", text },
      {
        type: "buttons",
        buttons: [
          { actionId: COLD_NIGHT_ACTIONS.declare, label: t("askUnderWay", { night: underWay }), value: value(underWay) },
          { actionId: COLD_NIGHT_ACTIONS.declare, label: t("askComing", { night: coming }), value: value(coming), style: "primary" },
        ],
      },
    ],
  };
}

/** Several alerts open: which one to close or acknowledge, one button each. */
function chooseAlert(t: Translate<ColdNightKey>, open: readonly { id: string; night: string }[], actionId: string): Message {
  const text = t("chooseAlert");
  return {
    text,
    blocks: [
      { type: "text", text },
      { type: "buttons", buttons: open.map((a) => ({ actionId, label: t("alertLabel", { night: a.night }), value: a.id })) },
    ],
  };
}

/** `kallnatt [datum] [temperatur]` declares; `kallnatt stäng [datum]` closes; `kallnatt kvittera` acknowledges. */
export function createColdNightCommand(deps: AlertsDeps): CommandHandler {
  return {
    words: COLD_NIGHT_WORDS,
    help: (locale) => createTranslator(coldNightMessages, locale)("help"),
    async run({ event, actor, args, reply }) {
      const t = translatorFor(actor);
      const settings = await loadColdNightSettings(deps.db, actor.partnership.id);
      if (settings === undefined) return void (await reply.whisper(textMessage(t("notConfigured"))));
      const request = parseColdNightArgs(args, deps.clock.now(), actor.partnership.timeZone, settings.closeTime);
      if (request.kind === "invalid") return void (await reply.whisper(textMessage(t("invalidArgs", { token: request.token }))));
      if (request.kind === "declare")
        return declare(
          deps,
          actor,
          reply,
          { platform: event.user.platform, conversation: event.conversation },
          { night: request.night, temperatureC: request.temperatureC, requestKey: event.delivery },
        );
      if (request.kind === "ask") return void (await reply.whisper(askWhichNight(t, request.nights, request.temperatureC)));
      const act = request.kind === "acknowledge" ? acknowledge : close;
      if (request.night !== undefined) {
        const alertId = await findAlertIdByNight(deps.db, actor.partnership.id, request.night);
        if (alertId === undefined) return void (await reply.whisper(textMessage(t("notDeclared", { night: request.night }))));
        return act(deps, actor, reply, alertId);
      }
      // No night given: the open alert the person means; with several open, they choose.
      const open = await findOpenAlerts(deps.db, actor.partnership.id);
      if (open.length === 0) return void (await reply.whisper(textMessage(t("noOpenAlert"))));
      if (open.length === 1) return act(deps, actor, reply, open[0]!.id);
      await reply.whisper(chooseAlert(t, open, request.kind === "acknowledge" ? COLD_NIGHT_ACTIONS.acknowledge : COLD_NIGHT_ACTIONS.close));
    },
  };
}

/**
 * The cold-night buttons: the three answers, close, the follow-up, "declare" from a forecast suggestion, and the
 * conversation's (which question a figure answers, send, change).
 */
export function createColdNightActions(deps: AlertsDeps, conversation: ColdNightConversation): ActionHandler {
  return {
    prefix: "coldnight.",
    async run({ event, actor, reply }) {
      if (event.actionId === COLD_NIGHT_CHAT_ACTION || event.actionId.startsWith(COLD_NIGHT_CONVERSATION_ACTIONS))
        return conversation.press(event.actionId, event.value, actor, (m) => reply.whisper(m));
      const t = translatorFor(actor);
      if (event.actionId === COLD_NIGHT_ACTIONS.declare) {
        const [night = "", temperature = ""] = event.value.split("|");
        const temperatureC = temperature === "" ? undefined : Number(temperature);
        if (!DateTime.fromISO(night).isValid || (temperatureC !== undefined && !Number.isFinite(temperatureC))) {
          return void (await reply.whisper(textMessage(t("invalidArgs", { token: event.value }))));
        }
        return declare(
          deps,
          actor,
          reply,
          { platform: event.user.platform, conversation: event.conversation },
          { night, temperatureC, requestKey: event.delivery },
        );
      }
      if (event.actionId === COLD_NIGHT_ACTIONS.close || event.actionId === COLD_NIGHT_ACTIONS.acknowledge || event.actionId === COLD_NIGHT_ACTIONS.restart) {
        if (!isUuid(event.value)) return void (await reply.whisper(textMessage(t("unknownAlert"))));
        if (event.actionId === COLD_NIGHT_ACTIONS.close) return close(deps, actor, reply, event.value);
        if (event.actionId === COLD_NIGHT_ACTIONS.acknowledge) return acknowledge(deps, actor, reply, event.value);
        return openRestart(deps, actor, reply, event.value);
      }
      const target = parseShelterValue(event.value);
      const found = target && (await findShelterOnAlert(deps, target.alertId, target.activityId, actor.partnership.id));
      if (target === undefined || found === undefined) return void (await reply.whisper(textMessage(t("unknownAlert"))));
      if (event.actionId === COLD_NIGHT_ACTIONS.followUp || event.actionId === COLD_NIGHT_ACTIONS.open) {
        if (!(await mayAnswerFor(deps, actor.member, found.shelter)))
          return void (await reply.whisper(textMessage(t("notAllowedAnswer", { shelter: found.shelter.shelterName }))));
        if (event.actionId === COLD_NIGHT_ACTIONS.open && found.alert.status === "closed")
          return void (await reply.whisper(textMessage(t("alertClosed", { night: found.alert.night }))));
        if (event.actionId === COLD_NIGHT_ACTIONS.open) return reply.openForm(placesForm(actor.locale, found.alert, found.shelter));
        return reply.openForm(followUpForm(actor.locale, found.alert, found.shelter, await followUpStart(deps, found.alert, found.shelter)));
      }
      const answer = event.actionId === COLD_NIGHT_ACTIONS.full ? "full" : event.actionId === COLD_NIGHT_ACTIONS.cannot ? "cannot" : undefined;
      if (answer === undefined) return;
      const outcome = await answerColdNight(deps, { ...target, answer, extraPlaces: 0, member: actor.member });
      await reply.whisper(textMessage(answerText(t, outcome)));
    },
  };
}

/**
 * Reads a submission with the definition's rules (bounds, required fields, women ≤ places): the answers, or the
 * refusal with the view again, keeping what was typed.
 */
function readForm(
  definition: FormDefinition,
  values: FormValues,
  locale: Actor["locale"],
  view: (answers: Answers, errors: Record<string, string>) => FormView,
): { ok: true; answers: Answers } | { ok: false; result: FormResult } {
  const reading = readFormValues(definition, values, locale);
  if (reading.ok) return reading;
  return { ok: false, result: { ok: false, errors: reading.errors, form: view(typedAnswers(values, reading), reading.errors) } };
}

/** The places form ("we open N extra places"), the morning follow-up form and samordning's restart form. */
export function createColdNightForms(deps: AlertsDeps): FormHandler {
  return {
    prefix: "coldnight.",
    async submit({ event, actor }) {
      const t = translatorFor(actor);
      if (event.formId === COLD_NIGHT_FORMS.restart) return submitRestart(deps, actor, event.state, event.values);
      const target = parseShelterValue(event.state);
      const found = target && (await findShelterOnAlert(deps, target.alertId, target.activityId, actor.partnership.id));
      if (target === undefined || found === undefined) return { ok: true, message: textMessage(t("unknownAlert")) };
      const { alert, shelter } = found;
      const places = event.formId === COLD_NIGHT_FORMS.places;
      const read = places
        ? readForm(placesDefinition(), event.values, actor.locale, (a, e) => placesForm(actor.locale, alert, shelter, a, e))
        : readForm(followUpDefinition(), event.values, actor.locale, (a, e) => followUpForm(actor.locale, alert, shelter, a, e));
      if (!read.ok) return read.result;
      const submitted = await (places ? submitPlaces : submitFollowUp)(deps, actor, target, read.answers);
      return { ok: true, message: textMessage(submitted.text) };
    },
  };
}

/** Restarts a silent shelter's ladder; a shelter that answered in the meantime is said so, rather than "not a choice". */
async function submitRestart(deps: AlertsDeps, actor: Actor, alertId: string, values: FormValues): Promise<FormResult> {
  const t = translatorFor(actor);
  const alert = isUuid(alertId) ? await loadAlert(deps.db, alertId) : undefined;
  const ladder = alert === undefined || alert.partnershipId !== actor.partnership.id ? undefined : await ladderFor(deps, alert.partnershipId);
  if (alert === undefined || ladder === undefined) return { ok: true, message: textMessage(t("unknownAlert")) };
  if (alert.status === "closed") return { ok: true, message: textMessage(t("alertClosed", { night: alert.night })) };
  const chosen = alert.responses.find((r) => r.activityId === values.shelter);
  if (chosen !== undefined && chosen.answer !== "pending") return { ok: true, message: textMessage(t("restartAnswered", { shelter: chosen.shelterName })) };
  const steps = ladder.minutes.length;
  const read = readForm(restartDefinition(alert, steps), values, actor.locale, (a, e) => restartForm(actor.locale, alert, steps, a, e));
  if (!read.ok) return read.result;
  const outcome = await restartLadder(deps, { alertId, activityId: String(read.answers.shelter), step: Number(read.answers.step), member: actor.member });
  return { ok: true, message: textMessage(restartText(t, outcome)) };
}
