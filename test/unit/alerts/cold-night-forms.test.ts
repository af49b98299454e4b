import { describe, expect, it } from "vitest";
import type { ShelterResponse } from "../../../src/alerts/cold-nights/cold-night.ts";
import { coldNightAlert, shelterResponse } from "./cold-night-alert.ts";
import {
  followUpAnswers,
  followUpDefinition,
  followUpForm,
  placesDefinition,
  placesForm,
  restartDefinition,
  restartForm,
} from "../../../src/alerts/cold-nights/cold-night.forms.ts";
import { formDefinitionSchema, readFormValues, respond, startConversation, typedAnswers } from "../../../src/forms/index.ts";

const shelter = shelterResponse;
const alert = (responses: ShelterResponse[]) => coldNightAlert(responses);
const say = (definition: ReturnType<typeof placesDefinition>, ...messages: string[]) => {
  let state = startConversation(definition, {});
  const steps = messages.map((m) => {
    const step = respond(definition, state, m, "sv");
    state = step.state;
    return step;
  });
  return { state, last: steps.at(-1)! };
};

describe("the cold-night forms as definitions", () => {
  it("are valid definitions, so a conversation and a view can run on them", () => {
    for (const definition of [
      placesDefinition(),
      followUpDefinition(),
      restartDefinition(alert([shelter(1), shelter(2)]), 3),
      // One silent shelter left on a one-step ladder: each choice has a single option.
      restartDefinition(alert([shelter(1)]), 1),
    ])
      expect(formDefinitionSchema.safeParse(definition).success).toBe(true);
  });

  it("takes 1 to 1000 extra places, women optional, and refuses the rest with the engine's words in either language", () => {
    const places = placesDefinition();
    expect(readFormValues(places, { places: "12", women: "" }, "sv")).toEqual({ ok: true, answers: { places: 12, women: null } });
    expect(readFormValues(places, { places: "1 000", women: "0" }, "sv")).toEqual({ ok: true, answers: { places: 1000, women: 0 } });
    expect(readFormValues(places, { places: "0" }, "sv")).toMatchObject({ ok: false, errors: { places: "Talet får inte vara mindre än 1." } });
    expect(readFormValues(places, { places: "1001" }, "en")).toMatchObject({ ok: false, errors: { places: "The number may not be greater than 1,000." } });
    expect(readFormValues(places, { places: "tolv" }, "sv")).toMatchObject({ ok: false, errors: { places: "Det måste vara ett heltal, t.ex. 12." } });
    expect(readFormValues(places, { places: "" }, "sv")).toMatchObject({ ok: false, errors: { places: "Frågan måste besvaras." } });
  });

  it("refuses more places for women than extra places, on the women field, in the person's language", () => {
    const places = placesDefinition();
    expect(readFormValues(places, { places: "5", women: "6" }, "sv")).toEqual({
      ok: false,
      errors: { women: "Kvinnoplatser (6) får inte vara större än Extra platser (5)." },
      answers: { places: 5, women: 6 },
    });
    expect(readFormValues(places, { places: "5", women: "6" }, "en")).toMatchObject({
      errors: { women: "Places for women (6) may not be greater than Extra places (5)." },
    });
    expect(readFormValues(places, { places: "5", women: "5" }, "sv")).toMatchObject({ ok: true });
  });

  it("refuses the same in the conversation, keeping the answers given and naming the question to change", () => {
    const { state, last } = say(placesDefinition(), "5", "6");
    expect(last.notice).toMatchObject({ kind: "check" });
    expect(state.answers).toEqual({ places: 5 });
    expect(state.current).toBe("women");
    expect(say(placesDefinition(), "0").last.notice).toEqual({ kind: "problem", problem: { code: "below_min", min: 1 } });
    expect(say(placesDefinition(), "12", "hoppa över").state).toMatchObject({ answers: { places: 12, women: null }, current: null });
  });

  it("puts a refused places form back with everything typed, the refused values as written", () => {
    const a = alert([shelter(1)]);
    const values = { places: "5", women: "sex" };
    const reading = readFormValues(placesDefinition(), values, "sv");
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    const view = placesForm("sv", a, a.responses[0]!, typedAnswers(values, reading), reading.errors);
    expect(view).toMatchObject({
      formId: "coldnight.places",
      state: `${a.id}:${a.responses[0]!.activityId}`,
      errors: { women: "Det måste vara ett heltal, t.ex. 12." },
    });
    expect(view.fields.map((f) => [f.id, f.initial, f.required])).toEqual([
      ["places", "5", true],
      ["women", "sex", false],
    ]);
    expect(view.intro).toBe("Hur många extra platser öppnar Härbärge 1 natten mot fredag 4 december?");
  });

  it("starts the places form from the shelter's answer when it already opens places, and blank otherwise", () => {
    const a = alert([shelter(1, { answer: "opening", extraPlaces: 12, extraPlacesWomen: 3 }), shelter(2, { answer: "full" })]);
    expect(placesForm("sv", a, a.responses[0]!).fields.map((f) => f.initial)).toEqual(["12", "3"]);
    expect(placesForm("sv", a, a.responses[1]!).fields.map((f) => f.initial)).toEqual([undefined, undefined]);
  });

  it("takes more places used than were offered in the evening, and starts turned away from the bed board", () => {
    expect(readFormValues(followUpDefinition(), { used: "14", away: "0" }, "sv")).toEqual({ ok: true, answers: { used: 14, away: 0 } });
    expect(readFormValues(followUpDefinition(), { used: "-1", away: "" }, "sv")).toMatchObject({
      ok: false,
      errors: { used: "Talet får inte vara mindre än 0.", away: "Frågan måste besvaras." },
    });
    const reported = shelter(1, { placesUsed: 11, turnedAway: 0 });
    expect(followUpAnswers(shelter(1), 4)).toEqual({ away: 4 });
    expect(followUpAnswers(shelter(1), 0)).toEqual({});
    expect(followUpAnswers(reported, 4)).toEqual({ used: 11, away: 0 });
    const a = alert([reported]);
    expect(followUpForm("en", a, reported, followUpAnswers(reported)).fields.map((f) => [f.label, f.initial])).toEqual([
      ["Extra places used", "11"],
      ["People turned away", "0"],
    ]);
  });

  it("offers a restart for the silent shelters only, from the first step unless chosen, and refuses one not offered", () => {
    const a = alert([shelter(1, { answer: "full" }), shelter(2), shelter(3)]);
    const view = restartForm("sv", a, 3);
    expect(view.fields[0]).toMatchObject({ id: "shelter", initial: a.responses[1]!.activityId });
    expect(view.fields[0]!.choices?.map((c) => c.label)).toEqual(["Härbärge 2 (Org)", "Härbärge 3 (Org)"]);
    expect(view.fields[1]!.choices?.map((c) => c.label)).toEqual([
      "Steg 1: personalen",
      "Steg 2: organisationens samordnare",
      "Steg 3: samordningen och Socialjouren",
    ]);
    const definition = restartDefinition(a, 3);
    expect(readFormValues(definition, { shelter: a.responses[2]!.activityId, step: "2" }, "sv")).toMatchObject({ ok: true, answers: { step: "2" } });
    const refused = readFormValues(definition, { shelter: a.responses[0]!.activityId, step: "4" }, "sv");
    expect(refused.ok ? {} : refused.errors).toEqual({ shelter: "Välj ett av alternativen (1, 2).", step: "Välj ett av alternativen (1, 2, 3)." });
  });
});
