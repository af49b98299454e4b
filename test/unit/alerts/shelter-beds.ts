import type { ShelterBeds } from "../../../src/alerts/beds/bed-board.ts";

/** Night shelter `n` of a bed board: 40 ordinary places, nothing reported, with `over` on top. */
export const shelterBeds = (n: number, over: Partial<ShelterBeds> = {}): ShelterBeds => ({
  activityId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  shelterName: `Härbärge ${n}`,
  organisationId: "org",
  organisationName: "Org",
  places: 40,
  placesWomen: 0,
  free: null,
  freeWomen: null,
  extra: 0,
  extraWomen: 0,
  turnedAway: 0,
  updatedAt: null,
  ...over,
});
