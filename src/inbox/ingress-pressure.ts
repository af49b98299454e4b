import { performance } from "node:perf_hooks";

/** How often the pressure is judged; a burst shorter than two of these never counts as a flood. */
const WINDOW_MS = 100;
/** Deliveries recorded in a window for it to count as busy (100 a second). */
const BUSY_ARRIVALS = 10;
/** Event-loop utilisation above which the process has no time to spare. */
const BUSY_LOOP = 0.85;

/**
 * Whether acknowledging must come first: deliveries keep arriving (two windows in a row) while the event loop has no
 * time to spare. Then handling what was recorded waits for the gaps, so the platforms' 3-second acknowledgements
 * are not starved by work that can wait as rows; a short burst (twenty shelters answering at once) is not a flood.
 */
export interface IngressPressure {
  /** Counts a delivery being recorded. */
  arrived(): void;
  high(): boolean;
  stop(): void;
}

export function createIngressPressure(): IngressPressure {
  let arrivals = 0;
  let busyBefore = false;
  let high = false;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const loop = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    const busy = arrivals >= BUSY_ARRIVALS && loop > BUSY_LOOP;
    high = busy && busyBefore;
    busyBefore = busy;
    arrivals = 0;
  }, WINDOW_MS);
  timer.unref();
  return {
    arrived: () => void (arrivals += 1),
    high: () => high,
    stop: () => clearInterval(timer),
  };
}
