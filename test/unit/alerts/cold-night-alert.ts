import type { ColdNightAlert, ShelterResponse } from "../../../src/alerts/cold-nights/cold-night.ts";

/** Shelter `n` on a cold-night alert: not answered, nothing reported, with `over` on top. */
export const shelterResponse = (n: number, over: Partial<ShelterResponse> = {}): ShelterResponse => ({
  activityId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  shelterName: `Härbärge ${n}`,
  organisationId: "org",
  organisationName: "Org",
  answer: "pending",
  extraPlaces: 0,
  extraPlacesWomen: 0,
  answeredBy: null,
  answeredAt: null,
  escalationStep: 0,
  ladderRun: 1,
  ladderFrom: 1,
  ladderBaseAt: new Date("2026-12-03T15:00:00Z"),
  restartedAt: null,
  placesUsed: null,
  turnedAway: null,
  ...over,
});

/** The alert for the night of 3 December 2026, declared at 16.00, closing at 09.00: open unless `status` says closed. */
export const coldNightAlert = (responses: ShelterResponse[], status: ColdNightAlert["status"] = "open"): ColdNightAlert => ({
  id: "11111111-1111-4111-8111-111111111111",
  partnershipId: "p",
  night: "2026-12-03",
  temperatureC: -9,
  status,
  declaredBy: "m1",
  declaredAt: new Date("2026-12-03T15:00:00Z"),
  closesAt: new Date("2026-12-04T08:00:00Z"),
  closedBy: status === "closed" ? "m1" : null,
  closedAt: status === "closed" ? new Date("2026-12-04T06:00:00Z") : null,
  acknowledgedBy: null,
  acknowledgedAt: null,
  responses,
});
