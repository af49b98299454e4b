/**
 * Fuzzing every form answer (issue 13, item 9): any text for every field type, any values for a form sent in one view,
 * any submission of the incident form, and any message to a conversation. Each is accepted, or refused with a clear
 * sentence in the person's language; nothing throws. Counts are printed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readIncidentForm } from "../../../src/alerts/incidents/incident.form.ts";
import { readFormValues, respond, startConversation, parseAnswer } from "../../../src/forms/index.ts";
import { describeProblem, renderConversation } from "../../../src/forms/form-conversation.view.ts";
import { formsMessages } from "../../../src/forms/forms.messages.ts";
import { createTranslator } from "../../../src/shared/i18n.ts";
import { visitorsForm } from "../forms/fixture-form.ts";
import { checkMany, nastyString } from "./arbitraries.ts";

const RUNS = 3000;
const locale = fc.constantFrom("sv" as const, "en" as const);
/** What a person may type: anything, or something close to a real answer. */
const answer = fc.oneof(
  nastyString,
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom("ja", "nej", "2026-12-03", "12 500,50 kr", "1, 3", "-5", "1e9", "NaN", "811218-9876"),
);
const clear = (sentence: string) => expect(sentence.trim().length).toBeGreaterThan(10);

describe("fuzzing form answers", () => {
  it("parses any text for every field type into an answer or a problem said in a sentence", () => {
    checkMany("parseAnswer (every field type)", fc.tuple(fc.constantFrom(...visitorsForm.fields), answer, locale), RUNS * 2, ([field, text, loc]) => {
      const parsed = parseAnswer(field, text, loc);
      if (!parsed.ok) clear(describeProblem(parsed.problem, createTranslator(formsMessages, loc)));
    });
  });

  it("reads any values of a form sent in one view into answers or an error per field", () => {
    const values = fc.dictionary(
      fc.constantFrom(...visitorsForm.fields.map((f) => f.id), "unknown", "__proto__"),
      fc.oneof(answer, fc.array(answer, { maxLength: 3 })),
    );
    checkMany("readFormValues", fc.tuple(values, locale), RUNS, ([v, loc]) => {
      const reading = readFormValues(visitorsForm, v, loc);
      if (!reading.ok) Object.values(reading.errors).forEach(clear);
    });
  });

  it("reads any incident submission into a report or an error per field", () => {
    const context = { activities: [{ id: "a1", name: "Natthärbärget" }], now: new Date("2026-12-03T22:40:00Z"), timeZone: "Europe/Stockholm" };
    const ids = [
      "date",
      "time",
      "activity",
      "kind",
      "severity",
      "injuries",
      "police",
      "support",
      "description",
      "staff_involved",
      "visitors_involved",
      "others_involved",
    ];
    const values = fc.dictionary(
      fc.constantFrom(...ids),
      fc.oneof(answer, fc.constantFrom("a1", "threat", "serious_incident", "called", "23.30"), fc.array(answer, { maxLength: 2 })),
    );
    checkMany("readIncidentForm", fc.tuple(values, locale), RUNS, ([v, loc]) => {
      const read = readIncidentForm(v, context, loc);
      if (!read.ok) {
        expect(Object.keys(read.errors).length).toBeGreaterThan(0);
        Object.values(read.errors).forEach(clear);
      }
    });
  });

  it("answers any message in a conversation, whatever came before", () => {
    checkMany(
      "conversation respond (up to 12 messages each)",
      fc.tuple(fc.array(answer, { minLength: 1, maxLength: 12 }), locale),
      RUNS / 3,
      ([messages, loc]) => {
        let state = startConversation(visitorsForm, {});
        for (const text of messages) {
          const step = respond(visitorsForm, state, text, loc);
          state = step.state;
          const shown = renderConversation(visitorsForm, state, loc, { title: "T", submitActionId: "s", editActionId: "e", actionValue: "v" }, step.notice);
          expect(shown.text.length).toBeGreaterThan(0);
        }
      },
    );
  }, 120_000);
});
