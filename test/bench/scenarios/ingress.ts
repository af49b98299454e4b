/**
 * Ingress, end-to-end handling and memory, side by side with the bare libraries:
 * - signed Slack slash commands and message events, and Teams message activities, at a fixed rate and at
 *   saturation (closed loop), from a separate load process: acknowledgement p50/p99 and acknowledged requests/s,
 *   against a bare Bolt app and a bare Teams SDK app that only acknowledge;
 * - a burst of commands acknowledged and answered at the fake, against the bare apps answering each once;
 * - resident memory idle, at the peak of the saturation run, and after the burst has drained.
 */
import { figuresOf, runLoad, type LoadPlan, type LoadResult } from "../load/load-plan.ts";
import { sampleRss } from "../lib/processes.ts";
import { sleep } from "../lib/stats.ts";
import { transactionCount } from "../seed/database.ts";
import type { BenchPartnership, BenchPerson } from "../seed/partnership.ts";
import type { Sample, Sizes } from "./sample.ts";
import { endpointOf, SIGNING_SECRET, startFloor, startSamverka, type World } from "./world.ts";

type Kind = LoadPlan["kind"];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: "slack-command", label: "Slack /samverka status" },
  { kind: "slack-event", label: "Slack message event" },
  { kind: "teams-message", label: "Teams message activity" },
];
const USERS = 200;
const slackUser = (i: number) => `U0BENCH${String(i).padStart(4, "0")}`;
const teamsUser = (i: number) => `29:bench-${String(i).padStart(4, "0")}`;

/** 200 members, each on Slack and Teams, so every request comes from a known person asking for their status. */
export function ingressPartnership(): BenchPartnership {
  const people: BenchPerson[] = Array.from({ length: USERS }, (_, i) => ({
    key: `p${i}`,
    roles: i === 0 ? ["admin", "coordinator"] : ["coordinator"],
    organisation: i % 2 === 0 ? "org-a" : "org-b",
    slack: slackUser(i),
    teams: teamsUser(i),
  }));
  return { id: "bench-ingress", organisations: ["org-a", "org-b"], people, shelters: [], channels: [] };
}

function plan(world: World, kind: Kind, load: Pick<LoadPlan, "connections" | "rate" | "durationSec" | "amount">): LoadPlan {
  const users = Array.from({ length: USERS }, (_, i) => (kind === "teams-message" ? teamsUser(i) : slackUser(i)));
  const platformUrl = kind === "teams-message" ? world.teams.url : world.slack.url;
  return { kind, url: endpointOf(world, kind), users, text: "status", secret: SIGNING_SECRET, platformUrl, ...load };
}

/** Answers the fake has seen on the platform of `kind`. */
function answers(world: World, kind: Kind): number {
  return (kind === "teams-message" ? world.teams : world.slack).deliveries.length;
}

/** Waits until `expected` answers arrived (or nothing new came for 15 s); returns when the last one came. */
async function drain(world: World, kind: Kind, expected: number, timeoutMs: number): Promise<{ answered: number; lastAt: number }> {
  const record = kind === "teams-message" ? world.teams : world.slack;
  const deadline = Date.now() + timeoutMs;
  let seen = record.deliveries.length;
  let quietSince = Date.now();
  while (record.deliveries.length < expected && Date.now() < deadline && Date.now() - quietSince < 15_000) {
    await sleep(100);
    if (record.deliveries.length !== seen) {
      seen = record.deliveries.length;
      quietSince = Date.now();
    }
  }
  return { answered: record.deliveries.length, lastAt: record.deliveries.at(-1)?.at ?? Date.now() };
}

interface IngressRun {
  fixed: ReturnType<typeof figuresOf>;
  saturation: ReturnType<typeof figuresOf>;
  peakRss: number;
}

async function ingressRuns(world: World, kind: Kind, sizes: Sizes, answering: boolean): Promise<IngressRun> {
  // Unmeasured warm-up: both sides compile their hot paths and open their connections first.
  const warm = answers(world, kind);
  const warmup = await runLoad(plan(world, kind, { connections: 4, amount: sizes.smoke ? 20 : 300 }));
  if (answering) await drain(world, kind, warm + warmup.ok, 120_000);
  const start = answers(world, kind);
  const fixedLoad = await runLoad(plan(world, kind, { connections: sizes.connections, rate: sizes.fixedRate, durationSec: sizes.fixedSec }));
  if (answering) await drain(world, kind, start + fixedLoad.ok, 120_000);
  const before = answers(world, kind);
  const rss = sampleRss(world.target);
  const saturation = await runLoad(plan(world, kind, { connections: sizes.connections, durationSec: sizes.saturationSec }));
  const peakRss = rss.stop();
  if (answering) await drain(world, kind, before + saturation.ok, 300_000);
  return { fixed: figuresOf(fixedLoad), saturation: figuresOf(saturation), peakRss };
}

async function burst(world: World, kind: Kind, amount: number, sizes: Sizes): Promise<{ load: LoadResult; answersPerSec: number; answered: number; rssAfter: number; drainSec: number; transactionsEach: number }> {
  const transactionsBefore = world.databaseUrl === undefined ? Number.NaN : await transactionCount(world.databaseUrl);
  const before = answers(world, kind);
  const load = await runLoad(plan(world, kind, { connections: sizes.connections, amount }));
  const { answered, lastAt } = await drain(world, kind, before + load.ok, 600_000);
  // Give the process a moment to return what the burst took, as a quiet night would.
  await sleep(sizes.smoke ? 1000 : 5000);
  const count = answered - before;
  const rssAfter = world.target.rssMB();
  const transactions = world.databaseUrl === undefined ? Number.NaN : (await transactionCount(world.databaseUrl)) - transactionsBefore;
  return { load, answered: count, answersPerSec: count / ((lastAt - load.startedAt) / 1000), rssAfter, drainSec: Math.max(0, (lastAt - load.finishedAt) / 1000), transactionsEach: transactions / Math.max(1, count) };
}

/** One repeat of the ingress, handling and memory scenarios. */
export async function measureIngress(sizes: Sizes, repeat: number, log: (line: string) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  const floors = new Map<Kind, IngressRun>();
  const floorIdle: number[] = [];
  let floorBurst: Awaited<ReturnType<typeof burst>> | undefined;
  let floorTeamsBurst: Awaited<ReturnType<typeof burst>> | undefined;

  const runFloors = async () => {
    const bolt = await startFloor("bolt", false);
    try {
      await sleep(2000);
      floorIdle.push(bolt.target.rssMB());
      for (const kind of ["slack-command", "slack-event"] as const) floors.set(kind, await ingressRuns(bolt, kind, sizes, false));
    } finally {
      await bolt.close();
    }
    const teams = await startFloor("teams", false);
    try {
      floors.set("teams-message", await ingressRuns(teams, "teams-message", sizes, false));
    } finally {
      await teams.close();
    }
    const boltAnswering = await startFloor("bolt", true);
    try {
      floorBurst = await burst(boltAnswering, "slack-command", sizes.burst, sizes);
    } finally {
      await boltAnswering.close();
    }
    const teamsAnswering = await startFloor("teams", true);
    try {
      floorTeamsBurst = await burst(teamsAnswering, "teams-message", sizes.teamsBurst, sizes);
    } finally {
      await teamsAnswering.close();
    }
    log(`  floors done (repeat ${repeat + 1})`);
  };

  const runSamverka = async () => {
    const world = await startSamverka([ingressPartnership()], { jobs: "redis" });
    try {
      await sleep(sizes.smoke ? 1000 : 10_000);
      const idle = world.target.rssMB();
      const runs = new Map<Kind, IngressRun>();
      for (const { kind } of KINDS) runs.set(kind, await ingressRuns(world, kind, sizes, true));
      const slackBurst = await burst(world, "slack-command", sizes.burst, sizes);
      const teamsBurst = await burst(world, "teams-message", sizes.teamsBurst, sizes);
      log(`  samverka done (repeat ${repeat + 1}): burst of ${sizes.burst} answered ${slackBurst.answered}, drained ${slackBurst.drainSec.toFixed(1)} s after the last ack`);
      return { idle, runs, slackBurst, teamsBurst };
    } finally {
      await world.close();
    }
  };

  let samverka: Awaited<ReturnType<typeof runSamverka>>;
  if (repeat % 2 === 0) {
    await runFloors();
    samverka = await runSamverka();
  } else {
    samverka = await runSamverka();
    await runFloors();
  }

  for (const { kind, label } of KINDS) {
    const s = samverka.runs.get(kind)!;
    const f = floors.get(kind)!;
    const floorName = kind === "teams-message" ? "bare Teams SDK" : "bare Bolt";
    const scenario = `ingress: ${label}`;
    samples.push(
      { scenario, metric: `ack p50 at ${sizes.fixedRate}/s`, unit: "ms", samverka: s.fixed.ackP50, floor: f.fixed.ackP50, floorName, better: "lower" },
      { scenario, metric: `ack p99 at ${sizes.fixedRate}/s`, unit: "ms", samverka: s.fixed.ackP99, floor: f.fixed.ackP99, floorName, better: "lower" },
      { scenario, metric: `saturation requests/s (${sizes.connections} conn.)`, unit: "req/s", samverka: s.saturation.rps, floor: f.saturation.rps, floorName, better: "higher" },
      { scenario, metric: "saturation ack p99", unit: "ms", samverka: s.saturation.ackP99, floor: f.saturation.ackP99, floorName, better: "lower" },
      { scenario, metric: "failed requests (fixed + saturation)", unit: "", samverka: s.fixed.failed + s.saturation.failed, floor: f.fixed.failed + f.saturation.failed, floorName, better: "lower" },
    );
  }
  const sb = samverka.slackBurst;
  const tb = samverka.teamsBurst;
  samples.push(
    { scenario: "handling: Slack commands acknowledged → answered", metric: `answered/s over a burst of ${sizes.burst}`, unit: "msg/s", samverka: sb.answersPerSec, floor: floorBurst!.answersPerSec, floorName: "bare Bolt + chat.postMessage", better: "higher" },
    { scenario: "handling: Slack commands acknowledged → answered", metric: "answered after the burst", unit: "", samverka: sb.answered, floor: floorBurst!.answered, floorName: "bare Bolt + chat.postMessage", better: "higher" },
    { scenario: "handling: Slack commands acknowledged → answered", metric: "drain after the last ack", unit: "s", samverka: sb.drainSec, floor: floorBurst!.drainSec, floorName: "bare Bolt + chat.postMessage", better: "lower" },
    { scenario: "handling: Slack commands acknowledged → answered", metric: "database transactions per command", unit: "", samverka: sb.transactionsEach, better: "lower" },
    { scenario: "handling: Teams messages acknowledged → answered", metric: `answered/s over a burst of ${sizes.teamsBurst}`, unit: "msg/s", samverka: tb.answersPerSec, floor: floorTeamsBurst!.answersPerSec, floorName: "bare Teams SDK + send", better: "higher" },
    { scenario: "handling: Teams messages acknowledged → answered", metric: "database transactions per message", unit: "", samverka: tb.transactionsEach, better: "lower" },
    { scenario: "memory", metric: "resident idle", unit: "MB", samverka: samverka.idle, floor: floorIdle[0]!, floorName: "bare Bolt", better: "lower" },
    { scenario: "memory", metric: "resident peak under saturation (Slack commands)", unit: "MB", samverka: samverka.runs.get("slack-command")!.peakRss, floor: floors.get("slack-command")!.peakRss, floorName: "bare Bolt", better: "lower" },
    { scenario: "memory", metric: `resident after a ${sizes.burst}-command burst`, unit: "MB", samverka: sb.rssAfter, floor: floorBurst!.rssAfter, floorName: "bare Bolt + chat.postMessage", better: "lower" },
  );
  return samples;
}
