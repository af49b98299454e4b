/**
 * The bench's results: every figure over the repeats (min/median/max), its floor from the same runs, the ratio
 * per run, and the target for it where there is one.
 */
import type { Sample } from "../scenarios/sample.ts";
import { spread, type Spread } from "../lib/stats.ts";

/** A target from issue 14, on Samverka's value or on its ratio to the floor. */
export interface Target {
  text: string;
  on: "value" | "ratio";
  check(x: number): boolean;
}

export interface Row {
  scenario: string;
  metric: string;
  unit: string;
  better: "higher" | "lower";
  samverka: Spread;
  floorName?: string;
  floor?: Spread;
  /** Samverka over the floor, per repeat. */
  ratio?: Spread;
  target?: Target;
  /** Whether the median meets the target; undefined without one. */
  met?: boolean;
}

// A limit minimum below a second is treated as one second: the limits do not bind, and a fan-out still may take that.
const FAN_OUT_FLOOR_S = 1;

function targetFor(sample: Sample): Target | undefined {
  const { scenario, metric } = sample;
  if (scenario.startsWith("ingress:") && metric.startsWith("saturation requests/s")) return { text: "≥ 0.9× floor", on: "ratio", check: (r) => r >= 0.9 };
  if (scenario.startsWith("ingress:") && metric.includes("p99")) return { text: "≤ 1.3× floor", on: "ratio", check: (r) => r <= 1.3 };
  if (scenario === "memory" && metric === "resident idle") return { text: "< 150 MB", on: "value", check: (v) => v < 150 };
  if (scenario === "memory" && metric.startsWith("resident after")) return { text: "< 400 MB", on: "value", check: (v) => v < 400 };
  if (scenario.startsWith("fan-out:") && sample.floorName === "limit minimum") return { text: `≤ 1.1× limit minimum (min. ${FAN_OUT_FLOOR_S} s)`, on: "ratio", check: (r) => r <= 1.1 };
  if (scenario.startsWith("fan-out:") && /missing|never complete/.test(metric)) return { text: "0", on: "value", check: (v) => v === 0 };
  if (scenario.startsWith("reminders") && metric === "delivered per second") return { text: "≥ 0.5× floor", on: "ratio", check: (r) => r >= 0.5 };
  if (scenario.startsWith("reminders") && metric === "lateness p99") return { text: "≤ 5 s", on: "value", check: (v) => v <= 5 };
  if (scenario.startsWith("form steps") && metric === "step p99") return { text: "< 25 ms", on: "value", check: (v) => v < 25 };
  return undefined;
}

function ratioOf(sample: Sample): number | undefined {
  if (sample.floor === undefined) return undefined;
  const floor = sample.floorName === "limit minimum" ? Math.max(sample.floor, FAN_OUT_FLOOR_S) : sample.floor;
  return floor === 0 ? undefined : sample.samverka / floor;
}

/** Groups the samples of every repeat into rows, in the order first seen. */
export function toRows(samples: Sample[]): Row[] {
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const key = `${s.scenario}\u0000${s.metric}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((runs) => {
    const first = runs[0]!;
    const ratios = runs.map(ratioOf).filter((r): r is number => r !== undefined);
    const row: Row = {
      scenario: first.scenario,
      metric: first.metric,
      unit: first.unit,
      better: first.better,
      samverka: spread(runs.map((r) => r.samverka)),
      ...(first.floorName === undefined ? {} : { floorName: first.floorName }),
      ...(runs.some((r) => r.floor !== undefined) ? { floor: spread(runs.map((r) => r.floor ?? Number.NaN)) } : {}),
      ...(ratios.length > 0 ? { ratio: spread(ratios) } : {}),
    };
    const target = targetFor(first);
    if (target !== undefined) {
      const value = target.on === "ratio" ? row.ratio?.median : row.samverka.median;
      row.target = target;
      row.met = value !== undefined && Number.isFinite(value) && target.check(value);
    }
    return row;
  });
}
