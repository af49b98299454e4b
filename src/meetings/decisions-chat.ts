import type { ActionHandler, CommandHandler, FormHandler } from "../app/feature.ts";
import { type Block, type FormView, textMessage } from "../chat/index.ts";
import { createFormatters, createTranslator, type Translate } from "../shared/i18n.ts";
import { containsPersonnummer } from "../shared/personnummer.ts";
import { amendMinutes, composeMinutesView, minutesVersions, type MinutesVersion } from "./amend-minutes.ts";
import { findDecisions, parseDecisionQuery, readableGroups } from "./decision-register.ts";
import { loadOpenMeeting, type OpenMeeting } from "./meeting-access.ts";
import { translatorFor } from "./meeting-views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import { textValue } from "./new-meeting.ts";
import { DECISIONS_MAX } from "./meeting-form-definitions.ts";
import { canWriteMinutes, decisionLines } from "./record-minutes.ts";

/** At most this many decisions are listed; the reader narrows with words or a period. */
const LIST_LIMIT = 60;
/** At most this many meetings get a button to their minutes. */
const BUTTON_LIMIT = 10;
const NOTE_MAX = 500;

/** `beslut [ord] [2027 | 2027-03 | 2027-01-01 2027-06-30] [grupp]`: the group's decisions, each under its meeting. */
export function createDecisionsCommand(deps: MeetingsDeps): CommandHandler {
  return {
    words: { sv: ["beslut"], en: ["decisions"] },
    help: (locale) => createTranslator(meetingMessages, locale)("help.decisions"),
    run: async ({ actor, args, reply }) => {
      const audience = { locale: actor.locale, timeZone: actor.partnership.timeZone };
      const t = translatorFor(audience);
      const f = createFormatters(audience.locale, audience.timeZone);
      const groups = await readableGroups(deps.db, actor);
      const query = parseDecisionQuery(args, groups);
      const found = await findDecisions(deps.db, groups, query, LIST_LIMIT + 1);
      if (found.length === 0) return reply.whisper(textMessage(t(groups.length === 0 ? "decisions.noGroups" : "decisions.none")));
      const shown = found.slice(0, LIST_LIMIT);
      const blocks: Block[] = [{ type: "heading", text: t("decisions.title") }];
      const meetings = [...new Map(shown.map((d) => [d.meetingId, d])).values()];
      meetings.forEach((m, i) => {
        const group = groups.find((g) => g.id === m.groupId)!;
        blocks.push({ type: "text", text: t("list.line", { group: group.name, at: m.startsAt, status: f.week(m.startsAt) }) });
        blocks.push({ type: "list", items: shown.filter((d) => d.meetingId === m.meetingId).map((d) => d.text) });
        if (i < BUTTON_LIMIT)
          blocks.push({ type: "buttons", buttons: [{ actionId: "meeting.minutes-show", label: t("button.showMinutes"), value: m.meetingId }] });
      });
      if (found.length > LIST_LIMIT) blocks.push({ type: "text", text: t("decisions.more", { count: LIST_LIMIT }) });
      await reply.whisper({ text: t("decisions.title"), blocks });
    },
  };
}

/** The minutes of a meeting (latest version), and the amendment form for whoever may amend them. */
export function createMinutesActions(deps: MeetingsDeps): ActionHandler {
  return {
    prefix: "meeting.minutes-",
    run: async ({ event, actor, reply }) => {
      const o = await loadOpenMeeting(deps, actor, event.value, { allowHeld: true });
      const t = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const [current] = o === undefined ? [] : await minutesVersions(deps.db, o.meeting.id);
      if (o === undefined || current === undefined) return reply.whisper(textMessage(t("minutes.none")));
      const mayAmend = canWriteMinutes(actor.member, o.seats);
      if (event.actionId === "meeting.minutes-amend") {
        if (!mayAmend) return reply.whisper(textMessage(t("minutes.notAllowed")));
        return reply.openForm(amendForm(o, current));
      }
      const view = composeMinutesView(o.group, o.meeting, current, "view")({ locale: actor.locale, timeZone: o.group.timeZone });
      const buttons: Block[] = mayAmend
        ? [{ type: "buttons", buttons: [{ actionId: "meeting.minutes-amend", label: t("button.amendMinutes"), value: o.meeting.id }] }]
        : [];
      await reply.whisper({ ...view, blocks: [...view.blocks, ...buttons] });
    },
  };
}

function amendForm(o: OpenMeeting, current: MinutesVersion, previous?: { decisions: string; note: string; errors: Record<string, string> }): FormView {
  return {
    formId: "meeting.amend",
    title: o.t("minutes.amend.title"),
    submitLabel: o.t("minutes.amend.submit"),
    state: o.meeting.id,
    intro: o.t("minutes.amend.intro", { group: o.group.name, at: o.meeting.startsAt, version: current.version }),
    fields: [
      {
        id: "decisions",
        label: o.t("minutes.form.decisions"),
        kind: "multiline",
        required: false,
        maxLength: DECISIONS_MAX,
        initial: previous?.decisions ?? current.decisions.join("\n"),
      },
      {
        id: "note",
        label: o.t("minutes.amend.note"),
        kind: "text",
        required: true,
        maxLength: NOTE_MAX,
        help: o.t("agenda.form.help"),
        ...(previous === undefined ? {} : { initial: previous.note }),
      },
    ],
    ...(previous === undefined ? {} : { errors: previous.errors }),
  };
}

/** The amendment's submission: a new version, the register updated, the group told. */
export function createAmendForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: "meeting.amend",
    submit: async ({ event, actor }) => {
      const o = await loadOpenMeeting(deps, actor, event.state, { allowHeld: true });
      const t: Translate<MeetingMessageKey> = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const [current] = o === undefined ? [] : await minutesVersions(deps.db, o.meeting.id);
      if (o === undefined || current === undefined) return { ok: false, errors: { "": t("minutes.none") } };
      if (!canWriteMinutes(actor.member, o.seats)) return { ok: false, errors: { "": t("minutes.notAllowed") } };
      const [decisions, note] = [textValue(event.values, "decisions"), textValue(event.values, "note")];
      const errors: Record<string, string> = {};
      if (decisions.length > DECISIONS_MAX) errors.decisions = t("minutes.tooLong", { max: DECISIONS_MAX });
      else if (containsPersonnummer(decisions)) errors.decisions = t("minutes.personnummer");
      if (note === "") errors.note = t("minutes.amend.noteRequired");
      else if (note.length > NOTE_MAX) errors.note = t("minutes.tooLong", { max: NOTE_MAX });
      else if (containsPersonnummer(note)) errors.note = t("minutes.personnummer");
      if (Object.keys(errors).length > 0) return { ok: false, errors, form: amendForm(o, current, { decisions, note, errors }) };
      const version = await amendMinutes(deps, o.group, o.meeting, {
        decisions: decisionLines(decisions),
        note,
        by: actor.member.id,
        ...(event.delivery === undefined ? {} : { request: event.delivery }),
      });
      if (version === undefined) return { ok: false, errors: { "": t("minutes.none") } };
      return { ok: true, message: textMessage(t("minutes.amend.done", { version })) };
    },
  };
}
