import type { Actor, CommandContext, DirectMessageHandler } from "../../app/feature.ts";
import { type Message, type Reply, textMessage } from "../../chat/index.ts";
import { createFormConversations, normalizeAnswers, startConversation, type ConversationTurn } from "../../forms/index.ts";
import { createFormatters, createTranslator } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { incidentDefaults, incidentDefinition, readIncident, type ActivityChoice } from "./incident.form.ts";
import { incidentMessages } from "./incidents.messages.ts";
import { reportIncident, type IncidentRecipients } from "./report-incident.ts";

/** Form-session subjects of incident reports: one open draft per member. */
const SUBJECT_PREFIX = "incident:";
/** Action ids of the summary's buttons: `incident.conversation.submit` and `.edit`, valued with the session id. */
export const INCIDENT_CONVERSATION_ACTIONS = "incident.conversation.";

/** Where the conversation goes: the reply in a direct chat, else a direct message. */
type Say = (message: Message) => Promise<unknown>;

/**
 * The reporter's receipt: who the report reaches, grouped by why ("Maria Nilsson och Alex Wilber i samordningen"),
 * and by name whoever Samverka cannot reach, to phone. The partnership file keeps no phone numbers, so none is given.
 * A reporter who is among the recipients (samordning, or their employer's contact) is not told it goes to
 * themselves: they are told why their own copy came, since samordning's asks to be acknowledged.
 */
export function receiptOf(actor: Actor, recipients: IncidentRecipients): Message {
  const t = createTranslator(incidentMessages, actor.locale, actor.partnership.timeZone);
  const f = createFormatters(actor.locale, actor.partnership.timeZone);
  const describe = (people: IncidentRecipients["reached"]) =>
    f.list(
      (["samordning", "employer"] as const).flatMap((as) => {
        const names = people.filter((p) => p.as === as).map((p) => p.name);
        return names.length === 0 ? [] : [t(as === "samordning" ? "recipientSamordning" : "recipientEmployer", { names: f.list(names) })];
      }),
    );
  const others = (people: IncidentRecipients["reached"]) => people.filter((p) => p.memberId !== actor.member.id);
  const reached = others(recipients.reached);
  const unreached = others(recipients.unreached);
  const own = recipients.reached.find((p) => p.memberId === actor.member.id);
  const lines = [reached.length > 0 ? t("submittedTo", { recipients: describe(reached) }) : own !== undefined ? t("submitted") : t("submittedToNobody")];
  if (own !== undefined) lines.push(t(own.as === "samordning" ? "ownCopySamordning" : "ownCopyEmployer"));
  if (unreached.length > 0) lines.push(t("notReached", { recipients: describe(unreached), names: f.list(unreached.map((p) => p.name)) }));
  lines.push(t("takeCare"));
  return { text: lines[0]!, blocks: lines.map((text) => ({ type: "text", text })) };
}

/**
 * A report of threats or violence in the conversation, one question at a time (a night worker on a phone): the same
 * definition and validation as the one-view form, saved after every answer, filed when the reporter sends it.
 */
export function createIncidentConversation(deps: AlertsDeps) {
  const conversations = createFormConversations({ db: deps.db, clock: deps.clock, subjects: SUBJECT_PREFIX });

  /** Starts the member's report, or resumes the one they left, and shows where it stands. */
  async function start(actor: Actor, say: Say, activities: readonly ActivityChoice[], ownActivityId?: string): Promise<void> {
    const definition = incidentDefinition(activities);
    // Today, the reporter's own activity, no injuries and no police are taken as given (named, and changed with
    // `ändra N`); the time is always asked, since a report often comes a while after what happened.
    const { time: _now, ...initial } = incidentDefaults({ now: deps.clock.now(), timeZone: actor.partnership.timeZone }, ownActivityId);
    const { session } = await conversations.open({
      partnershipId: actor.partnership.id,
      memberId: actor.member.id,
      subject: `${SUBJECT_PREFIX}${actor.member.id}`,
      actionPrefix: INCIDENT_CONVERSATION_ACTIONS,
      definition,
      title: definition.title,
      state: startConversation(definition, initial, { prefilled: Object.keys(initial) }),
    });
    await say(conversations.render(session, actor.locale, { opening: true }));
  }

  /** Files the report when the reporter sends it (completing the draft in the same transaction); otherwise shows the next step. */
  async function handleTurn(turn: ConversationTurn | undefined, actor: Actor, reply: Pick<Reply, "say" | "whisper">): Promise<void> {
    // A button of a report already filed or cancelled (or not the presser's): say so rather than nothing.
    if (turn === undefined || turn.outcome === "stale")
      return reply.whisper({ text: createTranslator(incidentMessages, actor.locale)("conversationGone"), blocks: [] });
    // The form engine's own words for a cancel point to `rapport`; an incident is started again with `hot`.
    if (turn.outcome === "cancelled") return void (await reply.say(textMessage(createTranslator(incidentMessages, actor.locale)("conversationCancelled"))));
    if (turn.outcome !== "submit") return void (turn.message === undefined ? undefined : await reply.say(turn.message));
    const answers = normalizeAnswers(turn.session.definition, turn.session.state.answers);
    const read = readIncident(answers, { now: deps.clock.now(), timeZone: actor.partnership.timeZone }, actor.locale);
    if (!read.ok) return void (await reply.say((await conversations.refuse(turn.session, read.field, read.error, actor.locale)).message!));
    const { recipients } = await reportIncident(deps, { partnership: actor.partnership, reporter: actor.member, report: read.report, session: turn.session });
    await reply.say(receiptOf(actor, recipients));
  }

  /** An open report takes every direct message except a new `hot …` command. */
  function directMessages(isCommand: (text: string) => boolean): DirectMessageHandler {
    return async (ctx: CommandContext) => {
      if (isCommand(ctx.args)) return false;
      const turn = await conversations.reply(ctx.actor.member.id, ctx.args, ctx.actor.locale, ctx.event);
      if (turn === undefined) return false;
      await handleTurn(turn, ctx.actor, ctx.reply);
      return true;
    };
  }

  /** The summary's buttons, checked against the draft's owner. */
  async function press(sessionId: string, button: "submit" | "edit", actor: Actor, reply: Pick<Reply, "say" | "whisper">): Promise<void> {
    await handleTurn(await conversations.press(sessionId, actor.member.id, button, actor.locale), actor, reply);
  }

  return { start, directMessages, press };
}

export type IncidentConversation = ReturnType<typeof createIncidentConversation>;
