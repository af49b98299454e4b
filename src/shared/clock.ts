/** Source of the current time; injected so schedules and escalations are testable. */
export interface Clock {
  now(): Date;
}

/** The wall clock of the machine. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and replays. */
export interface ManualClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

/** Creates a clock frozen at `start` until `set` or `advance` moves it. */
export function createManualClock(start: Date | string): ManualClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
