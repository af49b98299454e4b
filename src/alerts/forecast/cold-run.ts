import type { NightCold } from "./night-minimum.ts";

/**
 * The first run of consecutive nights at or below `thresholdC` that are neither declared nor suggested before (those
 * in `skip`): one suggestion covers the whole run, so samordning hears "three nights in a row" once, not each day.
 */
export function firstColdRun(nights: readonly NightCold[], thresholdC: number, skip: ReadonlySet<string>): NightCold[] {
  const run: NightCold[] = [];
  for (const night of nights) {
    if (night.valueC <= thresholdC && !skip.has(night.night)) run.push(night);
    else if (run.length > 0) break;
  }
  return run;
}
