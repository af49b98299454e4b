/**
 * `npm run bench:profile -- <what>`: runs one bench load against Samverka started with --cpu-prof (and a heap
 * snapshot where memory is the question), then prints where the time and the memory go, by function and by file.
 *
 *   slack-command | slack-event | teams-message   saturation for 15 s from the load process
 *   reminders                                     2,000 action-item reminders due at once (Redis)
 *   forms                                         100 people answering 5 questions of the report in chat, as the bench
 *   memory [N]                                    memory idle, during and after an N-command burst (2,000), then
 *                                                 a heap snapshot; no CPU profile, and no snapshot before the burst
 *                                                 (taking one leaves ~100 MB resident that would be counted)
 *
 * Profiles and snapshots stay in bench/profiles/ for Chrome DevTools or speedscope.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runLoad, type LoadPlan } from "./load/load-plan.ts";
import { stopBenchRedis } from "./lib/bench-redis.ts";
import { BENCH_DIR, ROOT } from "./lib/paths.ts";
import { percentile, sleep } from "./lib/stats.ts";
import { withDatabase } from "./seed/database.ts";
import { seedDueActionItems, seedOpenReports } from "./seed/rows.ts";
import { converse, formsPartnership } from "./scenarios/forms.ts";
import { ingressPartnership } from "./scenarios/ingress.ts";
import { remindersPartnership } from "./scenarios/reminders.ts";
import { endpointOf, SIGNING_SECRET, startSamverka, type World } from "./scenarios/world.ts";

const what = process.argv[2] ?? "slack-command";
// `summarise <dir>` reads profiles taken before instead of taking new ones.
const dir = what === "summarise" ? path.resolve(process.argv[3]!) : path.join(BENCH_DIR, "profiles", `${what}-${new Date().toISOString().replace(/[:.]/g, "-")}`);
mkdirSync(dir, { recursive: true });
const nodeArgs = [...(what === "memory" ? [] : ["--cpu-prof", `--cpu-prof-dir=${dir}`]), "--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${dir}`];

function loadPlan(world: World, kind: LoadPlan["kind"], extra: Partial<LoadPlan>): LoadPlan {
  const users = Array.from({ length: 200 }, (_, i) => (kind === "teams-message" ? `29:bench-${String(i).padStart(4, "0")}` : `U0BENCH${String(i).padStart(4, "0")}`));
  return { kind, url: endpointOf(world, kind), users, text: "status", secret: SIGNING_SECRET, platformUrl: kind === "teams-message" ? world.teams.url : world.slack.url, connections: 16, ...extra };
}

/** The process's own account of its memory, in MB. */
async function usage(world: World, label: string): Promise<void> {
  const before = world.target.messagesOf("memory").length;
  world.target.send({ type: "memory" });
  for (let i = 0; i < 100 && world.target.messagesOf("memory").length === before; i++) await sleep(50);
  const u = world.target.messagesOf("memory").at(-1)?.usage as Record<string, number> | undefined;
  const mb = (n: number | undefined) => `${((n ?? 0) / 1e6).toFixed(0)} MB`;
  process.stdout.write(`memory (${label}): rss ${mb(u?.rss)}, heap total ${mb(u?.heapTotal)}, heap used ${mb(u?.heapUsed)}, external ${mb(u?.external)}, array buffers ${mb(u?.arrayBuffers)}\n`);
}

async function snapshot(world: World, label: string): Promise<void> {
  await usage(world, `${label}, before the snapshot's collection`);
  const before = new Set(readdirSync(dir));
  process.kill(world.target.pid, "SIGUSR2");
  for (let i = 0; i < 600 && readdirSync(dir).every((f) => before.has(f) || !f.endsWith(".heapsnapshot")); i++) await sleep(100);
  await sleep(2000);
  process.stdout.write(`heap snapshot (${label}), resident ${world.target.rssMB().toFixed(0)} MB\n`);
  await usage(world, `${label}, after the snapshot's collection`);
}

let world: World | undefined;
if (what === "summarise") {
  // Nothing to run.
} else if (what === "reminders") {
  const count = 2000;
  const w = await startSamverka([remindersPartnership(count)], { jobs: "redis", nodeArgs, seed: (url) => withDatabase(url, (c) => seedDueActionItems(c, "bench-reminders", count, new Date(Date.now() + 30_000))) });
  world = w;
  await w.slack.waitUntil(() => w.slack.deliveries.filter((d) => d.conversation.startsWith("D")).length >= count, 600_000, 90_000);
} else if (what === "forms") {
  const partnership = formsPartnership(100);
  world = await startSamverka([partnership], { jobs: "redis", nodeArgs, seed: (url) => withDatabase(url, (c) => seedOpenReports(c, partnership.id)) });
  const steps = (await converse(world, 100, 5, "rapport")).filter(Number.isFinite);
  process.stdout.write(`${steps.length} form steps: p50 ${percentile(steps, 50)} ms, p99 ${percentile(steps, 99)} ms\n`);
} else if (what === "memory") {
  const count = Number(process.argv[3] ?? 2000);
  const w = await startSamverka([ingressPartnership()], { jobs: "redis", nodeArgs });
  world = w;
  await sleep(10_000);
  await usage(w, "idle");
  const peak = { heapUsed: 0, rss: 0 };
  const watch = setInterval(() => {
    w.target.send({ type: "memory" });
    const u = w.target.messagesOf("memory").at(-1)?.usage as Record<string, number> | undefined;
    peak.heapUsed = Math.max(peak.heapUsed, u?.heapUsed ?? 0);
    peak.rss = Math.max(peak.rss, u?.rss ?? 0);
  }, 250);
  await runLoad(loadPlan(w, "slack-command", { amount: count }));
  await w.slack.waitUntil(() => w.slack.deliveries.length >= count, 600_000, 30_000);
  clearInterval(watch);
  process.stdout.write(`during the burst: heap used peaked at ${(peak.heapUsed / 1e6).toFixed(0)} MB, rss at ${(peak.rss / 1e6).toFixed(0)} MB\n`);
  await sleep(5000);
  await usage(w, `5 s after a ${count}-command burst`);
  await sleep(25_000);
  await snapshot(w, `30 s after a ${count}-command burst`);
} else {
  const kind = what as LoadPlan["kind"];
  world = await startSamverka([ingressPartnership()], { jobs: "redis", nodeArgs });
  await sleep(3000);
  const result = await runLoad(loadPlan(world, kind, { durationSec: 15 }));
  process.stdout.write(`${result.ok} acknowledged in ${result.durationSec.toFixed(1)} s\n`);
  await world.slack.waitUntil(() => false, 20_000, 5000);
}
await world?.close();
await stopBenchRedis();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** Where a frame's code lives: the package, or the repository file. */
function placeOf(url: string): string {
  if (url === "") return "(native/V8)";
  const file = url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg !== null) return pkg[1]!;
  if (file.startsWith("node:")) return file;
  return path.relative(ROOT, file);
}

function summarise(file: string): void {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"}  ${placeOf(n.callFrame.url)}${n.callFrame.url === "" ? "" : `:${n.callFrame.lineNumber + 1}`}`;
  // Time in native code (writes, Intl, crypto) charged to the nearest repository frame that led to it.
  const viaOurs = new Map<string, number>();
  const oursOf = (id: number): string | undefined => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      const place = placeOf(n.callFrame.url);
      if (/^(src|adapters|jobs|test)\//.test(place)) return label(n);
    }
    return undefined;
  };
  const self = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    const node = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url);
    const name = `${functionName || "(anonymous)"}  ${place}${url === "" ? "" : `:${lineNumber + 1}`}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    const ours = oursOf(id);
    if (ours !== undefined) viaOurs.set(ours, (viaOurs.get(ours) ?? 0) + dt);
    byPlace.set(place, (byPlace.get(place) ?? 0) + dt);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  process.stdout.write(`\n${path.relative(ROOT, file)}: ${(total / 1e6).toFixed(1)} s sampled\nself time by function:\n${top(self, 25).join("\n")}\nself time by package or file:\n${top(byPlace, 20).join("\n")}\ntime under Samverka's own frames (nearest one up the stack):\n${top(viaOurs, 25).join("\n")}\n`);
}

function summariseHeap(file: string): void {
  const snap = JSON.parse(readFileSync(file, "utf8")) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf("type"), fields.indexOf("name"), fields.indexOf("self_size")];
  const types = snap.snapshot.meta.node_types[0];
  const bySize = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = type === "object" || type === "closure" ? snap.strings[snap.nodes[i + nameAt]!]! : `(${type})`;
    const size = snap.nodes[i + sizeAt]!;
    total += size;
    const entry = bySize.get(name) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count += 1;
    bySize.set(name, entry);
  }
  const lines = [...bySize.entries()].sort((a, b) => b[1].size - a[1].size).slice(0, 20).map(([k, v]) => `  ${(v.size / 1e6).toFixed(1).padStart(7)} MB  ${String(v.count).padStart(8)} ×  ${k}`);
  process.stdout.write(`\n${path.relative(ROOT, file)}: ${(total / 1e6).toFixed(1)} MB on the heap\n${lines.join("\n")}\n`);
}

for (const file of readdirSync(dir).sort()) {
  if (file.endsWith(".cpuprofile")) summarise(path.join(dir, file));
  if (file.endsWith(".heapsnapshot")) summariseHeap(path.join(dir, file));
}
