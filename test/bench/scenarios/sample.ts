/** One figure from one repeat: Samverka's value and, when the scenario has one, its floor's from the same run. */
export interface Sample {
  scenario: string;
  metric: string;
  unit: string;
  samverka: number;
  floor?: number;
  /** What the floor is ("bare Bolt", "raw BullMQ", "limit minimum"). */
  floorName?: string;
  /** Which way is better, for the ratio's reading. */
  better: "higher" | "lower";
}

/** Sizes of a run: the full bench, or the smoke run CI does to keep the bench working. */
export interface Sizes {
  smoke: boolean;
  fixedRate: number;
  fixedSec: number;
  saturationSec: number;
  connections: number;
  burst: number;
  teamsBurst: number;
  reminders: number;
  formConversations: number;
  formSteps: number;
  planningPartnerships: number;
  shelters: number;
}

export const FULL: Sizes = {
  smoke: false,
  fixedRate: 40,
  fixedSec: 30,
  saturationSec: 10,
  connections: 16,
  burst: 10_000,
  teamsBurst: 2_000,
  reminders: 10_000,
  formConversations: 100,
  formSteps: 5,
  planningPartnerships: 1_000,
  shelters: 20,
};

export const SMOKE: Sizes = {
  smoke: true,
  fixedRate: 20,
  fixedSec: 1,
  saturationSec: 1,
  connections: 8,
  burst: 100,
  teamsBurst: 50,
  reminders: 100,
  formConversations: 10,
  formSteps: 2,
  planningPartnerships: 20,
  shelters: 4,
};
