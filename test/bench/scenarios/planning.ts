/**
 * Planning five years of meetings for many partnerships with Samverka's planner, against computing the same
 * meetings' nominal dates directly (see targets/planning.ts). Runs in its own process.
 */
import path from "node:path";
import { BENCH_SRC } from "../lib/paths.ts";
import { startTarget } from "../lib/processes.ts";
import type { Sample, Sizes } from "./sample.ts";

export async function measurePlanning(sizes: Sizes, _repeat: number, log: (line: string) => void): Promise<Sample[]> {
  const target = await startTarget("planning", path.join(BENCH_SRC, "targets/planning.ts"), { BENCH_PARTNERSHIPS: String(sizes.planningPartnerships) }, { timeoutMs: 600_000 });
  try {
    const result = (await target.message("finished", 600_000)) as { planned: { ms: number; meetings: number }; floor: { ms: number; meetings: number } } | undefined;
    if (result === undefined) throw new Error("the planning process reported nothing");
    log(`  planning: ${result.planned.meetings} meetings in ${result.planned.ms.toFixed(0)} ms (nominal ${result.floor.meetings} in ${result.floor.ms.toFixed(0)} ms)`);
    const scenario = `planning: five years for ${sizes.planningPartnerships} partnerships (2 groups each)`;
    const floorName = "nominal dates only";
    return [
      { scenario, metric: "time", unit: "ms", samverka: result.planned.ms, floor: result.floor.ms, floorName, better: "lower" },
      { scenario, metric: "meetings planned", unit: "", samverka: result.planned.meetings, floor: result.floor.meetings, floorName, better: "higher" },
    ];
  } finally {
    await target.stop();
  }
}
