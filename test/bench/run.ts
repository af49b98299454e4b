import type { Bench } from "./bench.ts";
import { reminderBenches } from "./reminders.bench.ts";
import { routerBench } from "./router.bench.ts";

/** Every benchmark with its target; `npm run bench` prints each result and fails if a target is missed. */
const benches: Bench[] = [routerBench, ...reminderBenches];

let failed = 0;
for (const bench of benches) {
  const result = await bench.run();
  if (!result.ok) failed += 1;
  process.stdout.write(`${result.ok ? "ok  " : "MISS"} ${bench.name}\n     target:   ${bench.target}\n     measured: ${result.measured}\n`);
}
process.stdout.write(`${benches.length - failed} met, ${failed} missed\n`);
process.exitCode = failed === 0 ? 0 : 1;
