import type { ActionHandler, CommandHandler, FormHandler } from "../app/feature.ts";
import { type Block, type FormView, textMessage } from "../chat/index.ts";
import { readAndWarn, renderFormView, type Answers } from "../forms/index.ts";
import { createFormatters, createTranslator, type Locale, type Translate } from "../shared/i18n.ts";
import { amendMinutes, composeMinutesView, minutesVersions, type MinutesVersion } from "./amend-minutes.ts";
import { findDecisions, parseDecisionQuery, readableGroups } from "./decision-register.ts";
import { loadOpenMeeting, meetingFormFrame, type OpenMeeting } from "./meeting-access.ts";
import { translatorFor } from "./meeting.views.ts";
import type { MeetingsDeps } from "./meetings.deps.ts";
import { meetingMessages, type MeetingMessageKey } from "./meetings.messages.ts";
import { AMEND_FORM_ID, amendDefinition } from "./meeting-form-definitions.ts";
import { canWriteMinutes, decisionLines } from "./record-minutes.ts";

/** At most this many decisions are listed; the reader narrows with words or a period. */
const LIST_LIMIT = 60;
/** At most this many meetings get a button to their minutes. */
const BUTTON_LIMIT = 10;

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
        return reply.openForm(amendForm(o, current, actor.locale));
      }
      const view = composeMinutesView(o.group, o.meeting, current, "view")({ locale: actor.locale, timeZone: o.group.timeZone });
      const buttons: Block[] = mayAmend
        ? [{ type: "buttons", buttons: [{ actionId: "meeting.minutes-amend", label: t("button.amendMinutes"), value: o.meeting.id }] }]
        : [];
      await reply.whisper({ ...view, blocks: [...view.blocks, ...buttons] });
    },
  };
}

/** The amendment form, prefilled with the current decisions, or what was typed in a refused submission. */
function amendForm(o: OpenMeeting, current: MinutesVersion, locale: Locale, previous?: { answers: Answers; errors: Record<string, string> }): FormView {
  const frame = meetingFormFrame(
    o,
    AMEND_FORM_ID,
    { title: "minutes.amend.title", submit: "minutes.amend.submit", intro: "minutes.amend.intro" },
    { version: current.version },
  );
  return renderFormView(amendDefinition(), previous?.answers ?? { decisions: current.decisions.join("\n") }, locale, frame, previous?.errors);
}

/** The amendment's submission, read by the engine: a new version, the register updated, the group told. */
export function createAmendForm(deps: MeetingsDeps): FormHandler {
  return {
    prefix: AMEND_FORM_ID,
    submit: async ({ event, actor }) => {
      const o = await loadOpenMeeting(deps, actor, event.state, { allowHeld: true });
      const t: Translate<MeetingMessageKey> = translatorFor({ locale: actor.locale, timeZone: actor.partnership.timeZone });
      const [current] = o === undefined ? [] : await minutesVersions(deps.db, o.meeting.id);
      if (o === undefined || current === undefined) return { ok: false, errors: { "": t("minutes.none") } };
      if (!canWriteMinutes(actor.member, o.seats)) return { ok: false, errors: { "": t("minutes.notAllowed") } };
      const place = { memberId: actor.member.id, formId: AMEND_FORM_ID };
      const reading = await readAndWarn(deps.db, place, amendDefinition(), event.values, actor.locale, deps.clock.now());
      if (!reading.ok) return { ok: false, errors: reading.errors, form: amendForm(o, current, actor.locale, reading) };
      const version = await amendMinutes(deps, o.group, o.meeting, {
        decisions: decisionLines(typeof reading.answers.decisions === "string" ? reading.answers.decisions : ""),
        note: String(reading.answers.note),
        by: actor.member.id,
        ...(event.delivery === undefined ? {} : { request: event.delivery }),
      });
      if (version === undefined) return { ok: false, errors: { "": t("minutes.none") } };
      return { ok: true, message: textMessage(t("minutes.amend.done", { version })) };
    },
  };
}
