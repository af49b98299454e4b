/**
 * Reminder throughput: N reminders all due at one moment, delivered end to end (each an action item's due
 * reminder, sending its owner one direct message at the Slack fake), against BullMQ alone running N no-op delayed
 * jobs with the same concurrency, on Redis and on BullMQ's PostgreSQL backend. Lateness is the time from the due
 * moment to the delivery (to the job's end for the floor); throughput is N over the time from the due moment to
 * the last one. Each owner has at most PER_OWNER of them: Slack takes about one message a second per conversation
 * (a DM too) after a burst of three, and Samverka paces to that, so 100 owners with 100 reminders each would measure
 * that limit (10,000 take at least 97 s however fast the queue is), not the reminders.
 */
import path from "node:path";
import { benchRedisUrl } from "../lib/bench-redis.ts";
import { BENCH_SRC } from "../lib/paths.ts";
import { startTarget } from "../lib/processes.ts";
import { percentile, sleep } from "../lib/stats.ts";
import { createBenchDatabase, transactionCount, withDatabase } from "../seed/database.ts";
import type { BenchPartnership, BenchPerson } from "../seed/partnership.ts";
import { seedDueActionItems } from "../seed/rows.ts";
import type { Sample, Sizes } from "./sample.ts";
import { emptyBenchRedis, startSamverka } from "./world.ts";

type Backend = "redis" | "postgres";
/** Slack's burst per conversation (test/bench/fakes/limits.ts, src/outbox/pacing.ts). */
const PER_OWNER = 3;

/** The partnership whose members own `count` due action items, PER_OWNER each at most. */
export function remindersPartnership(count: number): BenchPartnership {
  const people: BenchPerson[] = Array.from({ length: Math.ceil(count / PER_OWNER) }, (_, i) => ({
    key: `owner-${String(i).padStart(5, "0")}`,
    roles: ["coordinator"],
    organisation: "org-a",
    slack: `U0REM${String(i).padStart(5, "0")}`,
  }));
  return { id: "bench-reminders", organisations: ["org-a"], people, shelters: [], channels: [] };
}

interface Outcome {
  delivered: number;
  latenessP50: number;
  latenessP99: number;
  perSecond: number;
  /** Whether the process was ready (and had queued everything) before the due moment. */
  readyBeforeDue: boolean;
  /** Database transactions per delivery while they ran (Samverka only). */
  transactionsEach?: number;
}

function outcome(times: number[], dueAt: number, readyAt: number): Outcome {
  const lateness = times.map((t) => t - dueAt);
  const last = Math.max(...times);
  return {
    delivered: times.length,
    latenessP50: percentile(lateness, 50),
    latenessP99: percentile(lateness, 99),
    perSecond: times.length / Math.max(0.001, (last - dueAt) / 1000),
    readyBeforeDue: readyAt < dueAt,
  };
}

async function samverka(backend: Backend, count: number, leadMs: number): Promise<Outcome> {
  // Due `leadMs` after the rows are written: start-up and the first sweep must queue them all by then.
  let dueAt = new Date(Date.now() + leadMs);
  const world = await startSamverka([remindersPartnership(count)], {
    jobs: backend,
    seed: (url) => {
      dueAt = new Date(Date.now() + leadMs);
      return withDatabase(url, (client) => seedDueActionItems(client, "bench-reminders", count, dueAt));
    },
  });
  const readyAt = Date.now();
  try {
    const dms = () => world.slack.deliveries.filter((d) => d.conversation.startsWith("D")).length;
    const before = await transactionCount(world.databaseUrl!);
    await world.slack.waitUntil(() => dms() >= count, leadMs + 600_000, leadMs + 60_000);
    const times = world.slack.deliveries.filter((d) => d.conversation.startsWith("D")).map((d) => d.at);
    const transactions = (await transactionCount(world.databaseUrl!)) - before;
    return { ...outcome(times, dueAt.getTime(), readyAt), transactionsEach: transactions / Math.max(1, times.length) };
  } finally {
    await world.close();
  }
}

async function rawBullmq(backend: Backend, count: number, leadMs: number): Promise<Outcome> {
  const database = backend === "postgres" ? await createBenchDatabase() : undefined;
  if (backend === "redis") await emptyBenchRedis();
  const dueAt = Date.now() + leadMs;
  const target = await startTarget(`raw-bullmq-${backend}`, path.join(BENCH_SRC, "targets/raw-bullmq.ts"), {
    ...(backend === "redis" ? { REDIS_URL: await benchRedisUrl() } : { DATABASE_URL: database!.url }),
    BENCH_JOBS: String(count),
    BENCH_DUE_AT: String(dueAt),
    BENCH_CONCURRENCY: "10",
  });
  const readyAt = Date.now();
  try {
    const times = () => target.messagesOf("done").flatMap((m) => m.times as number[]);
    const deadline = dueAt + 600_000;
    let last = { count: 0, at: Date.now() };
    while (times().length < count && Date.now() < deadline) {
      await sleep(200);
      if (times().length !== last.count) last = { count: times().length, at: Date.now() };
      // Stalled: nothing finished for 30 s after the due moment.
      if (Date.now() > dueAt + 30_000 && Date.now() - last.at > 30_000) break;
    }
    return outcome(times(), dueAt, readyAt);
  } finally {
    await target.stop();
    await database?.drop();
  }
}

/** One repeat on both backends, Samverka and floor interleaved. */
export async function measureReminders(sizes: Sizes, repeat: number, log: (line: string) => void): Promise<Sample[]> {
  const samples: Sample[] = [];
  // Time to start, import and queue everything before the due moment, so lateness is the queue's, not start-up's.
  const leadMs = sizes.smoke ? 10_000 : 45_000;
  for (const backend of ["redis", "postgres"] as const) {
    const first = repeat % 2 === 0;
    const floor = first ? await rawBullmq(backend, sizes.reminders, leadMs) : undefined;
    const s = await samverka(backend, sizes.reminders, leadMs);
    const f = floor ?? (await rawBullmq(backend, sizes.reminders, leadMs));
    log(`  reminders on ${backend}: Samverka ${s.delivered}/${sizes.reminders} at ${s.perSecond.toFixed(0)}/s (ready before due: ${s.readyBeforeDue}), raw BullMQ ${f.delivered} at ${f.perSecond.toFixed(0)}/s`);
    const scenario = `reminders on ${backend === "redis" ? "Redis" : "PostgreSQL (BullMQ backend)"}: ${sizes.reminders} due at once`;
    const floorName = "raw BullMQ no-op jobs";
    samples.push(
      { scenario, metric: "delivered per second", unit: "/s", samverka: s.perSecond, floor: f.perSecond, floorName, better: "higher" },
      { scenario, metric: "lateness p50", unit: "s", samverka: s.latenessP50 / 1000, floor: f.latenessP50 / 1000, floorName, better: "lower" },
      { scenario, metric: "lateness p99", unit: "s", samverka: s.latenessP99 / 1000, floor: f.latenessP99 / 1000, floorName, better: "lower" },
      { scenario, metric: "delivered", unit: "", samverka: s.delivered, floor: f.delivered, floorName, better: "higher" },
      {
        scenario,
        metric: backend === "redis" ? "database transactions per reminder" : "database transactions per reminder (queue's included)",
        unit: "",
        samverka: s.transactionsEach ?? Number.NaN,
        better: "lower",
      },
    );
    await sleep(1000);
  }
  return samples;
}
