import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertsPrefill } from "../../../src/reports/index.ts";
import { insertIncident } from "../../helpers/seed.ts";
import { createReportsHarness, type ReportsHarness } from "./reports-harness.ts";

let h: ReportsHarness;

beforeAll(async () => {
  h = await createReportsHarness();
  const db = h.db.db;
  const activity = await db
    .insertInto("activities")
    .values({
      partnership_id: "eu",
      organisation_id: h.organisations.convictus!,
      key: "nattcafe",
      name: "Nattcaféet",
      kind: "night",
      places: 40,
      places_women: 10,
      nights_per_grant: 5,
      nights_per_grant_women: 7,
      karenstid_nights: 2,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const nights = [
    { night: "2026-06-30", answer: "opening", extra: 10, used: 10, turned: 5 }, // before the half-year
    { night: "2026-12-02", answer: "opening", extra: 20, used: 18, turned: 3 },
    { night: "2026-12-03", answer: "full", extra: 0, used: null, turned: 4 },
    { night: "2026-12-31", answer: "opening", extra: 15, used: 12, turned: 0 },
  ] as const;
  for (const n of nights) {
    const alert = await db
      .insertInto("cold_night_alerts")
      .values({
        partnership_id: "eu",
        night: n.night,
        temperature_c: -9,
        declared_by: null,
        declared_at: `${n.night}T14:00:00Z`,
        closes_at: `${n.night}T23:00:00Z`,
        closed_by: null,
        closed_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("cold_night_responses")
      .values({
        alert_id: alert.id,
        activity_id: activity.id,
        organisation_id: h.organisations.convictus!,
        answer: n.answer,
        extra_places: n.extra,
        answered_by: null,
        answered_at: null,
        places_used: n.used,
        turned_away: n.turned,
        followup_by: null,
        followup_at: null,
      })
      .execute();
  }
  // The bed board counts turned away every night; on a cold night it and the follow-up count the same people.
  for (const [night, turned] of [
    ["2026-12-02", 5],
    ["2026-12-10", 2],
    ["2027-01-02", 9],
  ] as const) {
    await db
      .insertInto("shelter_nights")
      .values({
        activity_id: activity.id,
        night,
        partnership_id: "eu",
        free_places: 0,
        free_women: 0,
        turned_away: turned,
        updated_by: null,
        updated_at: `${night}T20:00:00Z`,
      })
      .execute();
  }
  const incident = (occurredAt: string, organisation: string) =>
    insertIncident(db, { partnershipId: "eu", organisationId: h.organisations[organisation]!, occurredAt });
  await incident("2026-07-01T00:30:00+02:00", "convictus");
  await incident("2026-12-31T23:30:00+01:00", "convictus");
  await incident("2027-01-01T00:30:00+01:00", "convictus"); // the next half-year in Stockholm, though still 2026 in UTC
  await incident("2026-10-10T12:00:00+02:00", "fralsningsarmen");
});
afterAll(async () => {
  await h?.close();
});

describe("prefilling a report from what the bot recorded", () => {
  const query = (organisation: string) => ({ partnershipId: "eu", organisationId: h.organisations[organisation]!, from: "2026-07-01", to: "2026-12-31" });

  it("counts the organisation's extra cold nights, places used and people turned away within the period", async () => {
    const prefill = createAlertsPrefill(h.db.db);
    // Turned away: 5 on 2 December (the bed board's 5 over the follow-up's 3, not both), 4 on 3 December (follow-up
    // only), 2 on 10 December (bed board on an ordinary night); 2 January is the next half-year.
    expect(await prefill.coldNightFigures(query("convictus"))).toEqual({ coldNights: 2, extraPlacesUsed: 30, turnedAway: 11 });
    expect(await prefill.coldNightFigures(query("fralsningsarmen"))).toEqual({ coldNights: 0, extraPlacesUsed: 0, turnedAway: 0 });
  });

  it("counts incidents by local date in Stockholm", async () => {
    const prefill = createAlertsPrefill(h.db.db);
    expect(await prefill.incidentFigures(query("convictus"))).toEqual({ incidents: 2 });
    expect(await prefill.incidentFigures(query("fralsningsarmen"))).toEqual({ incidents: 1 });
  });
});
