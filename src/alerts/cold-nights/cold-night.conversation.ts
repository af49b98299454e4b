import type { Actor, CommandContext, DirectMessageHandler } from "../../app/feature.ts";
import { type Message, textMessage } from "../../chat/index.ts";
import { createFormConversations, normalizeAnswers, startConversation, type ConversationTurn, type LocalizedText } from "../../forms/index.ts";
import type { Locale } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findNightShelters, sheltersOf } from "../alerts.directory.ts";
import { BEDS_WORDS } from "../beds/beds-args.ts";
import { findShelterOnAlert, mayAnswerFor } from "./answer-cold-night.ts";
import { followUpStart, submitFollowUp, submitPlaces, translatorFor, type ShelterTarget } from "./cold-night-answers.ts";
import { COLD_NIGHT_WORDS } from "./cold-night-args.ts";
import { parseShelterValue, shelterValue } from "./cold-night.card.ts";
import { coldNightKeys, type ColdNightAlert, type ShelterResponse } from "./cold-night.ts";
import { followUpDefinition, placesAnswers, placesDefinition } from "./cold-night.forms.ts";
import { findOpenQuestions, type OpenQuestion } from "./cold-night.repository.ts";
import { coldNightMessages } from "./cold-nights.messages.ts";
import { createNightTranslator } from "./night-name.ts";

/** Action ids of the summary's buttons: `coldnight.conversation.submit` and `.edit`, valued with the session id. */
export const COLD_NIGHT_CONVERSATION_ACTIONS = "coldnight.conversation.";
/** The button that says which open question a figure answers; valued `<alertId>:<activityId>|<the figure as written>`. */
export const COLD_NIGHT_CHAT_ACTION = "coldnight.chat";
// A figure written in reply to the morning question counts for it that day; after that, the Rapportera button does.
const FOLLOW_UP_REPLY_MS = 24 * 3_600_000;
/** A reply to a cold-night question starts with the figure asked for. */
const FIGURE = /^\d/;
const COMMAND_WORDS = new Set([COLD_NIGHT_WORDS, BEDS_WORDS].flatMap((w) => [...w.sv, ...w.en]));

type Kind = OpenQuestion["kind"];
type Say = (message: Message) => Promise<unknown>;

// One draft per question and member: a colleague answering the same shelter has their own.
const subjectOf = (kind: Kind, target: ShelterTarget, memberId: string) =>
  `${coldNightKeys.conversations(kind, target.alertId)}${target.activityId}:${memberId}`;

function parseSubject(subject: string): (ShelterTarget & { kind: Kind }) | undefined {
  const [, kind, alertId = "", activityId = ""] = subject.split(":");
  const target = parseShelterValue(shelterValue(alertId, activityId));
  return target === undefined || (kind !== "places" && kind !== "followUp") ? undefined : { ...target, kind };
}

/** "Extra platser på Convictus natthärbärge, natten mot fredag 4 december", in both languages. */
function titleOf(kind: Kind, alert: ColdNightAlert, shelter: ShelterResponse): LocalizedText {
  const say = (locale: Locale) =>
    createNightTranslator(coldNightMessages, locale)(kind === "places" ? "chatTitlePlaces" : "chatTitleFollowUp", {
      shelter: shelter.shelterName,
      night: alert.night,
    });
  return { sv: say("sv"), en: say("en") };
}

/**
 * A shelter's answer to a cold night in the direct chat, one question at a time: tonight's extra places while the
 * alert is open, the morning figures once asked. Staff answer at night on a phone, in the chat the question came to,
 * so a reply that starts with a figure ("12") starts it, with the figure as the first answer: the same definitions
 * and validation as the forms, saved after every answer, recorded when sent.
 */
export function createColdNightConversation(deps: AlertsDeps) {
  const conversations = createFormConversations({ db: deps.db, clock: deps.clock, subjects: "coldnight:" });

  /** The questions the member can answer by writing a figure: their shelters', still open. */
  async function openQuestions(actor: Actor): Promise<OpenQuestion[]> {
    const shelters = sheltersOf(await findNightShelters(deps.db, actor.partnership.id), actor.member);
    const now = deps.clock.now();
    return findOpenQuestions(
      deps.db,
      shelters.map((s) => s.id),
      now,
      new Date(now.getTime() - FOLLOW_UP_REPLY_MS),
    );
  }

  /** Starts (or resumes) the member's conversation for one shelter's question and takes `text` as its answer. */
  async function start(actor: Actor, target: ShelterTarget, text: string, say: Say): Promise<void> {
    const t = translatorFor(actor);
    const found = await findShelterOnAlert(deps, target.alertId, target.activityId, actor.partnership.id);
    if (found === undefined) return void (await say(textMessage(t("unknownAlert"))));
    const { alert, shelter } = found;
    if (!(await mayAnswerFor(deps, actor.member, shelter))) return void (await say(textMessage(t("notAllowedAnswer", { shelter: shelter.shelterName }))));
    const kind: Kind = alert.status === "open" ? "places" : "followUp";
    const definition = kind === "places" ? placesDefinition() : followUpDefinition();
    // What the bot already knows (an earlier answer, the bed board's turned away) is passed over, and named.
    const initial = kind === "places" ? placesAnswers(shelter) : await followUpStart(deps, alert, shelter);
    const title = titleOf(kind, alert, shelter);
    await conversations.open({
      partnershipId: actor.partnership.id,
      memberId: actor.member.id,
      subject: subjectOf(kind, target, actor.member.id),
      actionPrefix: COLD_NIGHT_CONVERSATION_ACTIONS,
      definition,
      title,
      state: startConversation(definition, initial, { prefilled: Object.keys(initial) }),
    });
    const intro = t("chatIntro", { title: title[actor.locale] });
    await handleTurn(await conversations.reply(actor.member.id, text, actor.locale), actor, say, intro);
  }

  /** Records the answers when the member sends them; otherwise shows the next step (after `intro`, on the first). */
  async function handleTurn(turn: ConversationTurn | undefined, actor: Actor, say: Say, intro?: string): Promise<void> {
    const t = translatorFor(actor);
    if (turn === undefined || turn.outcome === "stale") return void (await say(textMessage(t("chatGone"))));
    // The form engine's own words for a cancel point to `rapport`; here the buttons, or a figure, start again.
    if (turn.outcome === "cancelled") return void (await say(textMessage(t("chatCancelled"))));
    if (turn.outcome !== "submit") {
      if (turn.message === undefined) return;
      return void (await say(
        intro === undefined ? turn.message : { text: `${intro}\n${turn.message.text}`, blocks: [{ type: "text", text: intro }, ...turn.message.blocks] },
      ));
    }
    const target = parseSubject(turn.session.subject);
    if (target === undefined) return void (await say(textMessage(t("unknownAlert"))));
    const answers = normalizeAnswers(turn.session.definition, turn.session.state.answers);
    const submitted = await (target.kind === "places" ? submitPlaces : submitFollowUp)(deps, actor, target, answers, turn.session);
    // Refused for what the form cannot know (the alert closed, not their shelter): nothing left to ask, so the draft goes.
    if (!submitted.recorded) await conversations.closeSubject(turn.session.subject);
    await say(textMessage(submitted.text));
  }

  /** Several open questions: which one the figure answers, one button each carrying it. */
  async function whichQuestion(actor: Actor, questions: readonly OpenQuestion[], text: string): Promise<Message> {
    const t = translatorFor(actor);
    const buttons = [];
    for (const q of questions) {
      const found = await findShelterOnAlert(deps, q.alertId, q.activityId, actor.partnership.id);
      if (found !== undefined)
        buttons.push({
          actionId: COLD_NIGHT_CHAT_ACTION,
          label: titleOf(q.kind, found.alert, found.shelter)[actor.locale],
          value: `${shelterValue(q.alertId, q.activityId)}|${text}`,
        });
    }
    return {
      text: t("chatWhich"),
      blocks: [
        { type: "text", text: t("chatWhich") },
        { type: "buttons", buttons },
      ],
    };
  }

  /** A direct message: an answer to the member's open cold-night conversation, or a figure that starts one. */
  const directMessages: DirectMessageHandler = async (ctx: CommandContext) => {
    const { actor, args } = ctx;
    if (COMMAND_WORDS.has(args.split(/\s+/)[0]?.toLowerCase() ?? "")) return false;
    const say: Say = (m) => ctx.reply.whisper(m);
    const turn = await conversations.reply(actor.member.id, args, actor.locale, ctx.event);
    if (turn !== undefined) {
      await handleTurn(turn, actor, say);
      return true;
    }
    // A figure belongs to a conversation under way with another capability (its owner takes it), never to a cold night.
    if (!FIGURE.test(args) || (await conversations.activeFor(actor.member.id)) !== undefined) return false;
    const questions = await openQuestions(actor);
    if (questions.length === 0) return false;
    if (questions.length === 1) await start(actor, questions[0]!, args, say);
    else await say(await whichQuestion(actor, questions, args));
    return true;
  };

  /** The buttons: which question a figure answers, and the summary's send and change (checked against the draft's owner). */
  async function press(actionId: string, value: string, actor: Actor, say: Say): Promise<void> {
    if (actionId === COLD_NIGHT_CHAT_ACTION) {
      const [shelter = "", ...text] = value.split("|");
      const target = parseShelterValue(shelter);
      if (target === undefined) return void (await say(textMessage(translatorFor(actor)("unknownAlert"))));
      return start(actor, target, text.join("|"), say);
    }
    const button = actionId.endsWith("submit") ? "submit" : "edit";
    await handleTurn(await conversations.press(value, actor.member.id, button, actor.locale), actor, say);
  }

  return { directMessages, press };
}

export type ColdNightConversation = ReturnType<typeof createColdNightConversation>;
