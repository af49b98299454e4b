/**
 * Form step latency: 100 coordinators filling in their organisation's follow-up report in chat at the same time
 * (Slack direct messages). A step is one answer sent (a signed message event) until the next question arrives at
 * the fake. The floor is a bare Bolt app answering each message event with one message, driven the same way.
 *
 * Each person reads the question before answering (THINK_MS), as people do. Answering the instant a question arrives
 * made it a closed loop of 100 at once: the figures were the queue of 100 outstanding requests on two cores (bare
 * Bolt's own p50 was 2.3 s), and from the fourth message in quick succession Slack's per-channel limit (a burst of 3, then
 * one a second), which Samverka's outbox keeps to, so no chat app could have answered a step in 25 ms.
 */
import { createHmac, randomBytes } from "node:crypto";
import { percentile, sleep } from "../lib/stats.ts";
import { withDatabase } from "../seed/database.ts";
import type { BenchPartnership, BenchPerson } from "../seed/partnership.ts";
import { seedOpenReports } from "../seed/rows.ts";
import type { Sample, Sizes } from "./sample.ts";
import { SIGNING_SECRET, startFloor, startSamverka, type World } from "./world.ts";

// The first questions of the follow-up (unique visitors, women, men, other, nights), answered as a coordinator would.
const ANSWERS = ["120", "40", "70", "10", "950", "15", "0", "0"];
const userOf = (i: number) => `U0FORM${String(i).padStart(4, "0")}`;
/** How long a person takes to read a question and type the answer: 1.5–4.5 s (about 30 answers a second from 100). */
const THINK_MS = { min: 1500, max: 4500 };
const think = () => sleep(THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min));

export function formsPartnership(conversations: number): BenchPartnership {
  const organisations = Array.from({ length: conversations }, (_, i) => `org-${String(i).padStart(3, "0")}`);
  const people: BenchPerson[] = organisations.map((organisation, i) => ({ key: `coord-${i}`, roles: ["coordinator"], organisation, slack: userOf(i) }));
  people.push({ key: "rapportansvarig", roles: ["admin"], slack: "U0FORMADMIN" });
  return { id: "bench-forms", organisations, people, shelters: [], channels: [], reports: { coordinator: "rapportansvarig" } };
}

async function sendDirectMessage(world: World, userId: string, text: string): Promise<void> {
  const ts = (Date.now() / 1000).toFixed(6);
  const body = JSON.stringify({
    team_id: "T0SAMVERKA",
    api_app_id: "A0SAMVERKA",
    event: { type: "message", channel: `D${userId.replace(/^U/, "")}`, channel_type: "im", user: userId, text, ts, event_ts: ts },
    type: "event_callback",
    event_id: `Ev${randomBytes(6).toString("hex").toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  const res = await fetch(`${world.target.url}/slack/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`message event answered ${res.status}`);
}

/** Sends `text` as `userId` and waits for the next message the bot posts in their direct message; returns the ms. */
async function step(world: World, userId: string, text: string): Promise<number> {
  const dm = `D${userId.replace(/^U/, "")}`;
  const before = world.slack.deliveries.filter((d) => d.conversation === dm).length;
  const sentAt = Date.now();
  await sendDirectMessage(world, userId, text);
  const arrived = await world.slack.waitUntil(() => world.slack.deliveries.filter((d) => d.conversation === dm).length > before, 60_000);
  if (!arrived) return Number.NaN;
  const answer = world.slack.deliveries.filter((d) => d.conversation === dm)[before]!;
  // The fake (in this process) stamps each arrival, so the wait's own polling does not count.
  return answer.at - sentAt;
}

/** `conversations` people at once, each starting within the first think time and answering `steps` questions. */
export async function converse(world: World, conversations: number, steps: number, start: string | undefined): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: conversations }, async (_, i) => {
      const user = userOf(i);
      await think();
      if (start !== undefined) await step(world, user, start);
      for (const answer of ANSWERS.slice(0, steps)) {
        await think();
        latencies.push(await step(world, user, answer));
      }
    }),
  );
  return latencies;
}

/** One repeat: Samverka and the floor, each with `formConversations` people answering `formSteps` questions. */
export async function measureForms(sizes: Sizes, repeat: number, log: (line: string) => void): Promise<Sample[]> {
  const n = sizes.formConversations;
  const runSamverka = async () => {
    const partnership = formsPartnership(n);
    const world = await startSamverka([partnership], { jobs: "redis", seed: (url) => withDatabase(url, (c) => seedOpenReports(c, partnership.id)) });
    try {
      return await converse(world, n, sizes.formSteps, "rapport");
    } finally {
      await world.close();
    }
  };
  const runFloor = async () => {
    const world = await startFloor("bolt", true);
    try {
      return await converse(world, n, sizes.formSteps, undefined);
    } finally {
      await world.close();
    }
  };
  let s: number[];
  let f: number[];
  if (repeat % 2 === 0) {
    s = await runSamverka();
    f = await runFloor();
  } else {
    f = await runFloor();
    s = await runSamverka();
  }
  const missing = s.filter((v) => Number.isNaN(v)).length;
  log(`  forms: ${s.length} steps, ${missing} unanswered, p99 ${percentile(s.filter(Number.isFinite), 99)} ms (floor ${percentile(f, 99)} ms)`);
  const scenario = `form steps: ${n} conversations at once (report in chat, Slack)`;
  const floorName = "bare Bolt answering";
  const ok = s.filter(Number.isFinite);
  return [
    { scenario, metric: "step p50", unit: "ms", samverka: percentile(ok, 50), floor: percentile(f, 50), floorName, better: "lower" },
    { scenario, metric: "step p99", unit: "ms", samverka: percentile(ok, 99), floor: percentile(f, 99), floorName, better: "lower" },
    { scenario, metric: "steps unanswered", unit: "", samverka: missing, floor: f.filter((v) => Number.isNaN(v)).length, floorName, better: "lower" },
  ];
}
