import type { ActionHandler, Actor, CommandHandler, FormHandler } from "../../app/feature.ts";
import type { Block, Message } from "../../chat/message.ts";
import { textMessage } from "../../chat/message.ts";
import { warnOnceAboutPersonalDetails } from "../../forms/index.ts";
import { hasAnyRole } from "../../partnerships/partnership.ts";
import { createFormatters, createTranslator, type Translate } from "../../shared/i18n.ts";
import type { AlertsDeps } from "../alerts.deps.ts";
import { findDisplayNames } from "../alerts.directory.ts";
import { isUuid } from "../cold-nights/cold-night-card.ts";
import { INCIDENT_ACTIONS, incidentFacts } from "./incident-card.ts";
import { incidentForm, readIncidentForm } from "./incident-form.ts";
import { activitiesOf } from "../../partnerships/index.ts";
import { findLatestIncidents, findOwnActivity, type IncidentFollowUp } from "./incident.repository.ts";
import { incidentMessages, type IncidentKey } from "./incidents.messages.ts";
import { acknowledgeIncident, markIncidentFollowUp, type IncidentActionOutcome } from "./follow-up-incident.ts";
import { reportIncident, type IncidentRecipients } from "./report-incident.ts";

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

/** `hot` opens the report form; `hot lista` shows the latest reports to samordning and admins. */
export function createIncidentCommand(deps: AlertsDeps): CommandHandler {
  return {
    words: { sv: ["hot"], en: ["incident"] },
    help: (locale) => createTranslator(incidentMessages, locale)("help"),
    async run({ actor, args, reply }) {
      const t = translatorFor(actor);
      if (LIST_WORDS.has(args.trim().toLowerCase())) return reply.whisper(await listIncidents(deps, actor, t));
      const activities = await reportableActivities(deps, actor);
      if (activities.length === 0) return reply.whisper(textMessage(t("noActivities")));
      const defaultActivityId = await findOwnActivity(deps.db, actor.member.id);
      await reply.openForm(incidentForm(t, { activities, now: deps.clock.now(), timeZone: actor.partnership.timeZone, ...(defaultActivityId === undefined ? {} : { defaultActivityId }) }));
    },
  };
}

// Incident details are for samordning and admins only (managers get their own organisation's reports directly).
async function listIncidents(deps: AlertsDeps, actor: Actor, t: Translate<IncidentKey>) {
  if (!hasAnyRole(actor.member, ["samordning", "admin"])) return textMessage(t("notAllowedList"));
  const incidents = await findLatestIncidents(deps.db, actor.partnership.id, LIST_LIMIT);
  if (incidents.length === 0) return textMessage(t("listEmpty"));
  const names = await findDisplayNames(deps.db, incidents.flatMap((i) => (i.reportedBy === null ? [] : [i.reportedBy])));
  const f = createFormatters(actor.locale, actor.partnership.timeZone);
  const blocks: Block[] = [{ type: "heading", text: t("listTitle") }, { type: "text", text: t("listNoText") }];
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
export function createIncidentActions(deps: AlertsDeps): ActionHandler {
  return {
    prefix: "incident.",
    async run({ event, actor, reply }) {
      const t = translatorFor(actor);
      if (!isUuid(event.value)) return reply.whisper(textMessage(t("unknownIncident")));
      const acknowledging = event.actionId === INCIDENT_ACTIONS.ack;
      const followUp = FOLLOW_UPS[event.actionId];
      if (!acknowledging && followUp === undefined) return;
      const outcome = acknowledging ? await acknowledgeIncident(deps, event.value, actor.member) : await markIncidentFollowUp(deps, event.value, followUp!, actor.member);
      await reply.whisper(textMessage(outcomeText(t, outcome, acknowledging)));
    },
  };
}

/** The reporter's receipt: who the report reaches, and by name whoever Samverka cannot reach (phone them). */
function confirmation(t: Translate<IncidentKey>, actor: Actor, recipients: IncidentRecipients): Message {
  const f = createFormatters(actor.locale, actor.partnership.timeZone);
  const describe = (people: IncidentRecipients["reached"]) => f.list(people.map((p) => t(p.as === "samordning" ? "recipientSamordning" : "recipientEmployer", { name: p.name })));
  const lines =
    recipients.reached.length > 0
      ? [t("submittedTo", { recipients: describe(recipients.reached) })]
      : [t("submittedToNobody")];
  if (recipients.unreached.length > 0) lines.push(t("notReached", { recipients: describe(recipients.unreached) }));
  lines.push(t("takeCare"));
  return textMessage(lines[0]!, ...lines.slice(1));
}

/** The report form: refused with an explanation (and nothing stored) when it holds a personnummer. */
export function createIncidentForms(deps: AlertsDeps): FormHandler {
  return {
    prefix: "incident.",
    async submit({ event, actor }) {
      const t = translatorFor(actor);
      const activities = await reportableActivities(deps, actor);
      const context = { activities, now: deps.clock.now(), timeZone: actor.partnership.timeZone };
      const read = readIncidentForm(t, event.values, context);
      if (!read.ok) return { ok: false, errors: read.errors, form: incidentForm(t, context, event.values, read.errors) };
      // A name, phone number or e-mail is warned about once; sent again unchanged, it is the reporter's call.
      const place = { memberId: actor.member.id, scope: "incident.report/description" };
      const warning = await warnOnceAboutPersonalDetails(deps.db, place, read.report.description, actor.locale, deps.clock.now());
      if (warning !== undefined) return { ok: false, errors: { description: warning }, form: incidentForm(t, context, event.values, { description: warning }) };
      const { recipients } = await reportIncident(deps, { partnership: actor.partnership, reporter: actor.member, report: read.report });
      return { ok: true, message: confirmation(t, actor, recipients) };
    },
  };
}
