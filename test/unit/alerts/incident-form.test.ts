import { describe, expect, it } from "vitest";
import { incidentDefaults, incidentDefinition, incidentFormView, readIncidentForm } from "../../../src/alerts/incidents/incident.form.ts";
import { respond, startConversation } from "../../../src/forms/index.ts";

const tz = "Europe/Stockholm";
const shelter = { id: "5f0c8a4e-6a1b-4f7e-9d1a-1c2b3d4e5f60", name: "Convictus natthärbärge" };
const context = { activities: [shelter], now: new Date("2026-12-03T22:40:00Z"), timeZone: tz };
const values = {
  date: "2026-12-03",
  time: "23.35",
  activity: shelter.id,
  kind: "threat",
  severity: "moderate",
  injuries: "none",
  police: "none",
  support: "no",
  description: "Besökare hotade personal i entrén.",
};

describe("the threats-and-violence form", () => {
  it("reads a complete report in local time", () => {
    expect(readIncidentForm(values, context, "sv")).toMatchObject({
      ok: true,
      report: {
        occurredAt: new Date("2026-12-03T22:35:00Z"),
        activityId: shelter.id,
        kind: "threat",
        severity: "moderate",
        injuries: "none",
        police: "none",
        supportNeeded: false,
        description: values.description,
        staffInvolved: null,
        visitorsInvolved: null,
        othersInvolved: null,
      },
    });
  });

  it("accepts 23:35 as well as 23.35, the Teams/Slack yes-no values, and counts by role", () => {
    const read = readIncidentForm({ ...values, time: "23:35", support: "yes", staff_involved: "2", visitors_involved: "1" }, context, "sv");
    expect(read).toMatchObject({
      ok: true,
      report: { occurredAt: new Date("2026-12-03T22:35:00Z"), supportNeeded: true, staffInvolved: 2, visitorsInvolved: 1, othersInvolved: null },
    });
  });

  it("refuses a samordningsnummer in the description and says so in the reporter's language, masked", () => {
    const read = readIncidentForm({ ...values, description: "Visitor 701063-2391 threatened staff." }, context, "en");
    expect(read.ok).toBe(false);
    expect(Object.keys(read.ok ? {} : read.errors)).toEqual(["description"]);
    expect(read.ok ? "" : read.errors.description).toContain("(701063-****)");
  });

  it("does not mistake a police report number or a phone number for a personnummer", () => {
    const description = "Polisanmälan 5000-K123456-26. Polisen nås på 114 14, jouren på 08-508 25 000.";
    expect(readIncidentForm({ ...values, description }, context, "sv")).toMatchObject({ ok: true });
  });

  it("names every missing or invalid field at once, and keeps what was typed", () => {
    const read = readIncidentForm(
      { ...values, time: "25.10", kind: "", severity: "catastrophic", activity: "someone-else", description: " ", staff_involved: "100" },
      context,
      "sv",
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.errors).sort()).toEqual(["activity", "description", "kind", "severity", "staff_involved", "time"]);
    expect(read.errors.time).toBe("Det måste vara ett klockslag som 23.40.");
    expect(read.errors.kind).toBe("Frågan måste besvaras.");
    expect(read.answers).toMatchObject({ time: "25.10", severity: "catastrophic", staff_involved: "100", date: "2026-12-03" });
  });

  it("refuses a time in the future, but not one a few minutes ahead of the server clock", () => {
    expect(readIncidentForm({ ...values, time: "23.44" }, context, "sv")).toMatchObject({ ok: true });
    expect(readIncidentForm({ ...values, time: "23.50" }, context, "sv")).toMatchObject({ ok: false, errors: { time: "Tidpunkten ligger i framtiden." } });
  });

  it("refuses a description longer than 500 characters", () => {
    expect(readIncidentForm({ ...values, description: "x".repeat(501) }, context, "sv")).toMatchObject({
      ok: false,
      errors: { description: "Texten är 501 tecken, högst 500 får plats." },
    });
  });

  it("puts a refused submission back into the view with the errors, losing nothing", () => {
    const read = readIncidentForm({ ...values, time: "25.10" }, context, "sv");
    const form = incidentFormView("sv", context.activities, read.answers, read.ok ? {} : read.errors);
    expect(Object.fromEntries(form.fields.filter((f) => f.initial !== undefined).map((f) => [f.id, f.initial]))).toEqual({ ...values, time: "25.10" });
    expect(form.errors?.time).toContain("klockslag");
  });

  it("starts a new report at the current local date and time, at the reporter's own activity", () => {
    const form = incidentFormView("sv", context.activities, incidentDefaults(context, shelter.id));
    expect(Object.fromEntries(form.fields.filter((f) => f.initial !== undefined).map((f) => [f.id, f.initial]))).toEqual({
      date: "2026-12-03",
      time: "23.40",
      activity: shelter.id,
      injuries: "none",
      police: "none",
    });
  });

  it("refuses the same personnummer in the conversation as in the form, one question at a time", () => {
    const definition = incidentDefinition(context.activities);
    let state = startConversation(definition, incidentDefaults(context, shelter.id), { prefilled: ["date", "time", "activity", "injuries", "police"] });
    for (const answer of ["ok", "ok", "ok", "hot", "2", "ok", "ok", "nej", "1", "", "0"])
      state = respond(definition, state, answer === "" ? "hoppa över" : answer).state;
    expect(state.current).toBe("description");
    const step = respond(definition, state, "Besökare 701063-2391 hotade personal.");
    expect(step.notice).toEqual({ kind: "problem", problem: { code: "personnummer", found: "701063-****" } });
    expect(step.state.answers.description).toBeUndefined();
  });
});
