/** One night shelter's beds tonight: the agreement's places, what its staff report, and a cold night's extra places. */
export interface ShelterBeds {
  activityId: string;
  shelterName: string;
  organisationId: string;
  organisationName: string;
  /** Ordinary places in the agreement, and how many of them are for women. */
  places: number;
  placesWomen: number;
  /** Free now, as last reported (null: not reported tonight). */
  free: number | null;
  freeWomen: number | null;
  /** Extra places opened on a declared cold night, and how many of them are for women. */
  extra: number;
  extraWomen: number;
  turnedAway: number;
  updatedAt: Date | null;
}

/** The bed board of one partnership's night: counts only, never a name or an identity. */
export interface BedBoard {
  partnershipId: string;
  night: string;
  shelters: ShelterBeds[];
}

/** The board's totals across every night shelter; `free` counts only the shelters that reported. */
export interface BedTotals {
  shelters: number;
  places: number;
  placesWomen: number;
  free: number;
  reported: number;
  extra: number;
  extraWomen: number;
  turnedAway: number;
  updatedAt: Date | null;
}

export function totalsOf(board: BedBoard): BedTotals {
  const sum = (f: (s: ShelterBeds) => number) => board.shelters.reduce((n, s) => n + f(s), 0);
  const updated = board.shelters.map((s) => s.updatedAt).filter((d): d is Date => d !== null);
  return {
    shelters: board.shelters.length,
    places: sum((s) => s.places),
    placesWomen: sum((s) => s.placesWomen),
    free: sum((s) => s.free ?? 0),
    reported: board.shelters.filter((s) => s.free !== null).length,
    extra: sum((s) => s.extra),
    extraWomen: sum((s) => s.extraWomen),
    turnedAway: sum((s) => s.turnedAway),
    updatedAt: updated.length === 0 ? null : new Date(Math.max(...updated.map((d) => d.getTime()))),
  };
}

/** Every copy of one night's board shares this card id, so a report refreshes them all. */
export function bedBoardCard(partnershipId: string, night: string): string {
  return `beds:${partnershipId}:${night}`;
}
