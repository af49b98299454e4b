import type { ActionHandler, Actor, CommandContext, CommandHandler, CommandWords, DirectMessageHandler, FormHandler } from "../../app/feature.ts";
import { type Block, type Message, textMessage } from "../../chat/index.ts";
import { warnAboutTextAnswers } from "../../forms/index.ts";
import { activitiesOf, hasAnyRole } from "../../partnerships/index.ts";
import { createFormatters, createTranslator, type Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { isUuid } from "../../shared/uuid.ts";
import { INCIDENT_ACTIONS, incidentFacts } from "./incident.card.ts";
import { INCIDENT_FORM_ID, incidentDefaults, incidentDefinition, incidentFormView, readIncidentForm } from "./incident.form.ts";
import { INCIDENT_CONVERSATION_ACTIONS, receiptOf, type IncidentConversation } from "./incident.conversation.ts";
import { findLatestIncidents, findOwnActivity, type IncidentFollowUp } from "./incident.repository.ts";
import { incidentMessages, type IncidentKey } from "./incidents.messages.ts";
import { acknowledgeIncident, markIncidentFollowUp, type IncidentActionOutcome } from "./follow-up-incident.ts";
import { reportIncident } from "./report-incident.ts";

const LIST_LIMIT = 10;
const LIST_WORDS = new Set(["lista", "list", "visa", "show"]);
const FOLLOW_UPS: Record<string, IncidentFollowUp> = {
  [INCIDENT_ACTIONS.debriefDone]: "debrief",
  [INCIDENT_ACTIONS.authorityDone]: "authority",
  [INCIDENT_ACTIONS.policeReported]: "police",
};

// Every active activity, night shelters and day centres alike, can be where an incident happened.
const reportableActivities = async (deps: AlertsDeps, actor: Actor) =>
  (await activitiesOf(deps.db, actor.partnership.id)).map((a) => ({ id: a.id, name: a.name })).sort((a, b) => a.name.localeCompare(b.name, "sv"));

const translatorFor = (actor: Actor): Translate<IncidentKey> => createTranslator(incidentMessages, actor.locale, actor.partnership.timeZone);

/** The command's words; `hot formulär` asks for the whole form in one view. */
const INCIDENT_WORDS: CommandWords = { sv: ["hot"], en: ["incident"] };
const FORM_WORDS = new Set(["formulär", "formular", "form"]);

/** Whether a direct message is an incident command (which starts or resumes a report) rather than an answer. */
const isIncidentCommand = (text: string) => [...INCIDENT_WORDS.sv, ...INCIDENT_WORDS.en].includes(text.trim().split(/\s+/)[0]?.toLowerCase() ?? "");

/**
 * `hot` asks for the report in the conversation, one question at a time (in the direct chat: asked in a channel, it
 * continues there); `hot formulär` opens it as one form; `hot lista` shows the latest reports to samordning and admins.
 */
export function createIncidentCommand(deps: AlertsDeps, conversation: IncidentConversation): CommandHandler {
  return {
    words: INCIDENT_WORDS,
    help: (locale) => createTranslator(incidentMessages, locale)("help"),
    async run(ctx) {
      const { actor, args, reply } = ctx;
      const t = translatorFor(actor);
      const sub = args.trim().toLowerCase();
      if (LIST_WORDS.has(sub)) return reply.whisper(await listIncidents(deps, actor, t));
      const activities = await reportableActivities(deps, actor);
      if (activities.length === 0) return reply.whisper(textMessage(t("noActivities")));
      const own = await findOwnActivity(deps.db, actor.member.id);
      if (FORM_WORDS.has(sub))
        return reply.openForm(
          incidentFormView(actor.locale, activities, incidentDefaults({ now: deps.clock.now(), timeZone: actor.partnership.timeZone }, own)),
        );
      await conversation.start(actor, sayFor(deps, ctx), activities, own);
    },
  };
}

// The report belongs in the direct chat. A request is known by the inbox row it came in as, so handling it again
// after a crash sends nothing twice.
function sayFor(deps: AlertsDeps, ctx: CommandContext): (message: Message) => Promise<unknown> {
  if (ctx.event.type === "message" && ctx.event.direct) return (m) => ctx.reply.say(m);
  const request = ctx.event.delivery ?? deps.clock.now().toISOString();
  return (m) => deps.notifier.toMember(ctx.actor.member.id, () => m, { key: `incident:conversation:${ctx.actor.member.id}:${request}` });
}

/** An open report in the conversation takes the reporter's direct messages. */
export const createIncidentDirectMessages = (conversation: IncidentConversation): DirectMessageHandler => conversation.directMessages(isIncidentCommand);

// Incident details are for samordning and admins only (managers get their own organisation's reports directly).
async function listIncidents(deps: AlertsDeps, actor: Actor, t: Translate<IncidentKey>) {
  if (!hasAnyRole(actor.member, ["samordning", "admin"])) return textMessage(t("notAllowedList"));
  const incidents = await findLatestIncidents(deps.db, actor.partnership.id, LIST_LIMIT);
  if (incidents.length === 0) return textMessage(t("listEmpty"));
  const names = await findDisplayNames(
    deps.db,
    incidents.flatMap((i) => (i.reportedBy === null ? [] : [i.reportedBy])),
  );
  const f = createFormatters(actor.locale, actor.partnership.timeZone);
  const blocks: Block[] = [
    { type: "heading", text: t("listTitle") },
    { type: "text", text: t("listNoText") },
  ];
  for (const incident of incidents) {
    const facts = incidentFacts(t, incident, names.get(incident.reportedBy ?? "") ?? "–", (d) => f.dateTime(d), { description: false });
    blocks.push({ type: "facts", facts }, { type: "divider" });
  }
  return { text: t("listTitle"), blocks };
}

function outcomeText(t: Translate<IncidentKey>, outcome: IncidentActionOutcome, acknowledging: boolean): string {
  if (outcome.kind === "done") return acknowledging ? t("acked") : t("followUpDone");
  if (outcome.kind === "already") return acknowledging ? t("alreadyAcked", { at: outcome.incident.acknowledgedAt ?? new Date(0) }) : t("followUpDone");
  if (outcome.kind === "forbidden") return acknowledging ? t("notAllowedAck") : t("notAllowedFollowUp");
  return t("unknownIncident");
}

/** Acknowledge, and the follow-up buttons (avlastningssamtal held, reported to Arbetsmiljöverket, police report made). */
export function createIncidentActions(deps: AlertsDeps, conversation: IncidentConversation): ActionHandler {
  return {
    prefix: "incident.",
    async run({ event, actor, reply }) {
      if (event.actionId.startsWith(INCIDENT_CONVERSATION_ACTIONS)) {
        return conversation.press(event.value, event.actionId.endsWith("submit") ? "submit" : "edit", actor, reply);
      }
      const t = translatorFor(actor);
      if (!isUuid(event.value)) return reply.whisper(textMessage(t("unknownIncident")));
      const acknowledging = event.actionId === INCIDENT_ACTIONS.ack;
      const followUp = FOLLOW_UPS[event.actionId];
      if (!acknowledging && followUp === undefined) return;
      const outcome = acknowledging
        ? await acknowledgeIncident(deps, event.value, actor.member)
        : await markIncidentFollowUp(deps, event.value, followUp!, actor.member);
      await reply.whisper(textMessage(outcomeText(t, outcome, acknowledging)));
    },
  };
}

/** The report as one form: refused with the reasons (and nothing stored) on the same rules as the conversation. */
export function createIncidentForms(deps: AlertsDeps): FormHandler {
  return {
    prefix: "incident.",
    async submit({ event, actor }) {
      const activities = await reportableActivities(deps, actor);
      const context = { activities, now: deps.clock.now(), timeZone: actor.partnership.timeZone };
      const read = readIncidentForm(event.values, context, actor.locale);
      if (!read.ok) return { ok: false, errors: read.errors, form: incidentFormView(actor.locale, activities, read.answers, read.errors) };
      // A name, phone number or e-mail is warned about once; sent again unchanged, it is the reporter's call.
      const definition = incidentDefinition(activities);
      const warnings = await warnAboutTextAnswers(
        deps.db,
        { memberId: actor.member.id, formId: INCIDENT_FORM_ID },
        definition,
        read.answers,
        actor.locale,
        deps.clock.now(),
      );
      if (Object.keys(warnings).length > 0) return { ok: false, errors: warnings, form: incidentFormView(actor.locale, activities, read.answers, warnings) };
      const { recipients } = await reportIncident(deps, { partnership: actor.partnership, reporter: actor.member, report: read.report });
      return { ok: true, message: receiptOf(actor, recipients) };
    },
  };
}
