import { describe, expect, it } from "vitest";
import { incidentForm, readIncidentForm } from "../../../src/alerts/incidents/incident-form.ts";
import { incidentMessages } from "../../../src/alerts/incidents/incidents.messages.ts";
import { createTranslator } from "../../../src/shared/i18n.ts";

const tz = "Europe/Stockholm";
const sv = createTranslator(incidentMessages, "sv", tz);
const en = createTranslator(incidentMessages, "en", tz);
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
    expect(readIncidentForm(sv, values, context)).toEqual({
      ok: true,
      report: { occurredAt: new Date("2026-12-03T22:35:00Z"), activityId: shelter.id, kind: "threat", severity: "moderate", injuries: "none", police: "none", supportNeeded: false, description: values.description, staffInvolved: null, visitorsInvolved: null, othersInvolved: null },
    });
  });

  it("accepts 23:35 as well as 23.35, and the Teams/Slack yes-no values", () => {
    const read = readIncidentForm(sv, { ...values, time: "23:35", support: "true" }, context);
    expect(read).toMatchObject({ ok: true, report: { occurredAt: new Date("2026-12-03T22:35:00Z"), supportNeeded: true } });
  });

  it("refuses a samordningsnummer in the description and says so in the reporter's language, masked", () => {
    const read = readIncidentForm(en, { ...values, description: "Visitor 701063-2391 threatened staff." }, context);
    expect(read.ok).toBe(false);
    expect(Object.keys(read.ok ? {} : read.errors)).toEqual(["description"]);
    expect(read.ok ? "" : read.errors.description).toContain("(701063-****)");
    expect(read.ok ? "" : read.errors.description).toContain("Nothing has been saved.");
  });

  it("does not mistake a police report number or a phone number for a personnummer", () => {
    const description = "Polisanmälan 5000-K123456-26. Polisen nås på 114 14, jouren på 08-508 25 000.";
    expect(readIncidentForm(sv, { ...values, description }, context)).toMatchObject({ ok: true });
  });

  it("names every missing or invalid field at once", () => {
    const read = readIncidentForm(sv, { ...values, time: "25.10", kind: "", severity: "catastrophic", activity: "someone-else", description: " " }, context);
    expect(read).toEqual({
      ok: false,
      errors: {
        time: "Skriv klockslaget som tt.mm, till exempel 23.40.",
        kind: "Fyll i det här fältet.",
        severity: "Välj ett av alternativen.",
        activity: "Välj ett av alternativen.",
        description: "Fyll i det här fältet.",
      },
    });
  });

  it("refuses a time in the future, but not one a few minutes ahead of the server clock", () => {
    expect(readIncidentForm(sv, { ...values, time: "23.44" }, context)).toMatchObject({ ok: true });
    expect(readIncidentForm(sv, { ...values, time: "23.50" }, context)).toEqual({ ok: false, errors: { time: "Tidpunkten ligger i framtiden." } });
  });

  it("refuses a description longer than 500 characters", () => {
    expect(readIncidentForm(sv, { ...values, description: "x".repeat(501) }, context)).toEqual({ ok: false, errors: { description: "Texten är för lång: högst 500 tecken." } });
  });

  it("puts a refused submission back into the form with the errors, losing nothing", () => {
    const form = incidentForm(sv, context, { ...values, time: "25.10" }, { time: "fel" });
    expect(Object.fromEntries(form.fields.map((f) => [f.id, f.initial]))).toEqual({ ...values, time: "25.10" });
    expect(form.errors).toEqual({ time: "fel" });
  });

  it("starts a new form at the current local date and time", () => {
    const form = incidentForm(sv, context);
    expect(form.fields.find((f) => f.id === "date")?.initial).toBe("2026-12-03");
    expect(form.fields.find((f) => f.id === "time")?.initial).toBe("23.40");
  });
});
