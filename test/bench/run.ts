/**
 * `npm run bench`: Samverka side by side with what the libraries under it do alone, every scenario with its
 * floor in the same run, repeated; prints a table and writes bench/results.json (and results.md).
 *
 *   npm run bench                       # the full run, 3 repeats (about an hour on two busy cores)
 *   npm run bench -- --smoke            # a minute or two, tiny sizes, one repeat, no thresholds (CI)
 *   npm run bench -- --repeats 5 --only ingress,forms
 *   npm run bench -- --only reminders --repeats 1 --reminders 2000   # a smaller size, written to sized-results.json
 *
 * Scenarios: ingress (incl. handling throughput and memory), fan-out, reminders, forms, planning.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { stopBenchRedis } from "./lib/bench-redis.ts";
import { BENCH_DIR, LOGS_DIR } from "./lib/paths.ts";
import { toRows } from "./report/results.ts";
import { markdownTable, textTable } from "./report/table.ts";
import { measureFanOut } from "./scenarios/fan-out.ts";
import { measureForms } from "./scenarios/forms.ts";
import { measureIngress } from "./scenarios/ingress.ts";
import { measurePlanning } from "./scenarios/planning.ts";
import { measureReminders } from "./scenarios/reminders.ts";
import { FULL, SMOKE, type Sample, type Sizes } from "./scenarios/sample.ts";

type Measure = (sizes: Sizes, repeat: number, log: (line: string) => void) => Promise<Sample[]>;
const SCENARIOS: Record<string, Measure> = {
  ingress: measureIngress,
  "fan-out": measureFanOut,
  reminders: measureReminders,
  forms: measureForms,
  planning: measurePlanning,
};

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    repeats: { type: "string" },
    only: { type: "string" },
    reminders: { type: "string" },
  },
});
const sizes = { ...(values.smoke ? SMOKE : FULL), ...(values.reminders === undefined ? {} : { reminders: Number(values.reminders) }) };
if (!(Number.isInteger(sizes.reminders) && sizes.reminders > 0)) throw new Error(`--reminders wants a positive whole number, not "${values.reminders}"`);
const repeats = Number(values.repeats ?? (values.smoke ? 1 : 3));
const names = values.only === undefined ? Object.keys(SCENARIOS) : values.only.split(",").map((s) => s.trim());
for (const name of names) if (SCENARIOS[name] === undefined) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(", ")}`);

const log = (line: string) => process.stdout.write(`${line}\n`);
// The logs of earlier runs go, but not those of a run still going (another one on this machine).
const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
for (const entry of existsSync(LOGS_DIR) ? readdirSync(LOGS_DIR) : []) {
  const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
  if (!(pid > 0 && pid !== process.pid && running(pid))) rmSync(path.join(LOGS_DIR, entry), { recursive: true, force: true });
}
mkdirSync(BENCH_DIR, { recursive: true });

const started = new Date();
// A run at another size is not the full run: it must not replace the figures the README quotes.
const file = path.join(BENCH_DIR, values.smoke ? "smoke-results.json" : values.reminders !== undefined ? "sized-results.json" : "results.json");
const cpus = os.cpus();

/** Writes what has been measured so far (each scenario adds to it), so a run that is stopped still leaves figures. */
function write(samples: Sample[], complete: boolean) {
  const rows = toRows(samples);
  const results = {
    date: started.toISOString(),
    finished: new Date().toISOString(),
    complete,
    mode: values.smoke ? "smoke" : "full",
    repeats,
    node: process.version,
    machine: {
      platform: `${os.platform()} ${os.release()}`,
      cpu: `${cpus.length} × ${cpus[0]?.model ?? "unknown"}`,
      memoryGB: Math.round(os.totalmem() / 1e9),
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
    },
    note: "Figures are min/median/max over the repeats, each scenario interleaved with its floor in the same run. The machine is shared: other work (test suites) ran at the same time, so spreads are wide; compare Samverka with its floor from the same run rather than across runs.",
    sizes,
    rows,
    failures,
  };
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(file.replace(/\.json$/, ".md"), `${markdownTable(rows)}\n`);
  return results;
}
const loadBefore = os.loadavg();
const samples: Sample[] = [];
const failures: string[] = [];
log(
  `Samverka bench (${values.smoke ? "smoke" : "full"}): ${names.join(", ")}; ${repeats} repeat(s); load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")}`,
);
for (let repeat = 0; repeat < repeats; repeat++) {
  for (const name of names) {
    const t = Date.now();
    log(`${name}, repeat ${repeat + 1}/${repeats}`);
    try {
      samples.push(...(await SCENARIOS[name]!(sizes, repeat, log)));
    } catch (error) {
      // One broken scenario must not hide the others' figures; the run still fails at the end.
      failures.push(`${name} (repeat ${repeat + 1}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
    log(`  ${((Date.now() - t) / 1000).toFixed(0)} s`);
    write(samples, false);
  }
}

await stopBenchRedis();
const results = write(samples, true);
const rows = results.rows;
log("");
log(textTable(rows));
log("");
log(
  `Written to ${path.relative(process.cwd(), file)} (and .md). Load average ${results.machine.loadAverageBefore.map((l) => l.toFixed(1)).join(" ")} before, ${results.machine.loadAverageAfter.map((l) => l.toFixed(1)).join(" ")} after.`,
);
if (!values.smoke) {
  const missed = rows.filter((r) => r.met === false);
  log(
    `${rows.filter((r) => r.met === true).length} targets met, ${missed.length} missed${missed.length > 0 ? `: ${missed.map((r) => `${r.scenario} / ${r.metric}`).join("; ")}` : ""}`,
  );
}
if (failures.length > 0) {
  log(`\n${failures.length} scenario run(s) failed:\n${failures.join("\n")}`);
  process.exitCode = 1;
}
