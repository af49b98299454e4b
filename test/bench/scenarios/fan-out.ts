/**
 * A cold night for a large partnership (20 shelters, 60 people, 3 alert channels on Slack and 3 on Teams) through
 * fakes that enforce the platforms' per-conversation limits:
 * 1. declared: the card in every channel and the prompt to every shelter's staff;
 * 2. every shelter answers "Fullt" at once: every channel's card must come to show all of them.
 * For each phase: the time to the last required delivery against the least time the limits allow for the
 * messages Samverka sent into each conversation, the 429s it drew, and required deliveries that never came
 * (retries exhausted).
 */
import type { Delivery } from "../fakes/http-fake.ts";
import { minimumSpanMs, SLACK_CHANNEL_LIMIT, TEAMS_CONVERSATION_LIMIT } from "../fakes/limits.ts";
import { sleep } from "../lib/stats.ts";
import type { BenchPartnership, BenchPerson } from "../seed/partnership.ts";
import { personalChat, slackClick, slackCommand, teamsClick, teamsInstall } from "./platform-actions.ts";
import type { Sample, Sizes } from "./sample.ts";
import { startSamverka, type World } from "./world.ts";

const SLACK_CHANNELS = ["C0CNALERT1", "C0CNALERT2", "C0CNALERT3"];
const TEAMS_CHANNELS = ["19:cn-alerts-1@thread.tacv2", "19:cn-alerts-2@thread.tacv2", "19:cn-alerts-3@thread.tacv2"];
const FULL_MARK = "Fullt (";

interface Person extends BenchPerson {
  platform: "slack" | "teams";
}

const pad = (n: number) => String(n).padStart(2, "0");

/** 20 shelters in 10 organisations, one Slack and one Teams staff member each, and 20 more people around them. */
function coldNightPeople(shelters: number): { people: Person[]; partnership: BenchPartnership } {
  const organisations = Array.from({ length: Math.max(1, shelters / 2) }, (_, i) => `org-${pad(i + 1)}`);
  const person = (key: string, roles: string[], platform: "slack" | "teams", organisation?: string): Person => ({
    key,
    roles,
    platform,
    ...(organisation === undefined ? {} : { organisation }),
    ...(platform === "slack" ? { slack: `U0CN${key.replace(/[^a-z0-9]/gi, "").toUpperCase()}` } : { teams: `29:cn-${key}` }),
  });
  const people: Person[] = [];
  const shelterRows = Array.from({ length: shelters }, (_, i) => {
    const organisation = organisations[i % organisations.length]!;
    const staff = [person(`staff-${pad(i + 1)}-s`, ["shelter_staff"], "slack", organisation), person(`staff-${pad(i + 1)}-t`, ["shelter_staff"], "teams", organisation)];
    people.push(...staff);
    return { key: `shelter-${pad(i + 1)}`, organisation, staff: staff.map((s) => s.key) };
  });
  organisations.forEach((org, i) => people.push(person(`coord-${pad(i + 1)}`, ["coordinator"], i % 2 === 0 ? "slack" : "teams", org)));
  for (let i = 0; people.length < shelters * 3; i++) {
    const roles = i < 4 ? ["samordning"] : i < 6 ? ["socialjouren"] : ["admin"];
    people.push(person(`city-${pad(i + 1)}`, roles, i % 2 === 0 ? "slack" : "teams", i < 4 ? organisations[0] : undefined));
  }
  const partnership: BenchPartnership = {
    id: "bench-cold-night",
    organisations,
    people,
    shelters: shelterRows,
    channels: [
      ...SLACK_CHANNELS.map((conversation) => ({ platform: "slack" as const, conversation, purpose: "alerts" as const })),
      ...TEAMS_CHANNELS.map((conversation) => ({ platform: "teams" as const, conversation, purpose: "alerts" as const })),
    ],
  };
  return { people, partnership };
}

const dmOf = (p: Person) => (p.platform === "slack" ? `D${p.slack!.replace(/^U/, "")}` : personalChat(p.teams!));

function deliveriesSince(world: World, since: number): Delivery[] {
  return [...world.slack.deliveries, ...world.teams.deliveries].filter((d) => d.at >= since);
}

function refusedTotal(world: World): number {
  return [...world.slack.refused.values(), ...world.teams.refused.values()].reduce((a, b) => a + b, 0);
}

/** The least time the limits allow for the messages that went into each conversation, all ready at the start. */
function limitMinimumMs(deliveries: Delivery[], slackConversations: Set<string>): number {
  const counts = new Map<string, number>();
  for (const d of deliveries) counts.set(d.conversation, (counts.get(d.conversation) ?? 0) + 1);
  let worst = 0;
  for (const [conversation, count] of counts) {
    worst = Math.max(worst, minimumSpanMs(slackConversations.has(conversation) ? SLACK_CHANNEL_LIMIT : TEAMS_CONVERSATION_LIMIT, count));
  }
  return worst;
}

/** Waits until `done`, for at most five minutes, giving up once neither platform has had a delivery for 30 s. */
async function waitForBoth(world: World, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (!done() && Date.now() < deadline) {
    const last = Math.max(world.slack.deliveries.at(-1)?.at ?? 0, world.teams.deliveries.at(-1)?.at ?? 0);
    if (Date.now() - Math.max(last, deadline - 300_000) > 30_000) return;
    await world.slack.waitUntil(done, 500);
  }
}

const fullCount = (d: Delivery) => JSON.stringify(d.body ?? {}).split(FULL_MARK).length - 1;

/** One repeat of the cold-night fan-out. */
export async function measureFanOut(sizes: Sizes, _repeat: number, log: (line: string) => void): Promise<Sample[]> {
  const { people, partnership } = coldNightPeople(sizes.shelters);
  const world = await startSamverka([partnership], {
    jobs: "redis",
    slackLimits: { limit: SLACK_CHANNEL_LIMIT, keepBodies: true },
    teamsLimits: { limit: TEAMS_CONVERSATION_LIMIT, keepBodies: true },
  });
  try {
    // Teams lets a bot write only where it was added: the alert channels and each Teams person's personal chat.
    for (const channel of TEAMS_CHANNELS) await teamsInstall(world, { channel });
    for (const p of people.filter((x) => x.platform === "teams")) await teamsInstall(world, { userId: p.teams! });
    await sleep(1000);
    world.slack.clear();
    world.teams.clear();
    const slackConversations = new Set([...SLACK_CHANNELS, ...people.filter((p) => p.platform === "slack").map(dmOf)]);
    const channels = [...SLACK_CHANNELS, ...TEAMS_CHANNELS];
    const staff = people.filter((p) => p.roles.includes("shelter_staff"));
    const declarer = people.find((p) => p.roles.includes("samordning") && p.platform === "slack")!;

    // Phase 1: the declaration.
    const t0 = Date.now();
    await slackCommand(world, declarer.slack!, "kallnatt");
    const required1 = [...channels, ...staff.map(dmOf)];
    const firstTo = (conversation: string) => world.slack.deliveries.find((d) => d.conversation === conversation) ?? world.teams.deliveries.find((d) => d.conversation === conversation);
    await waitForBoth(world, () => required1.every((c) => firstTo(c) !== undefined));
    await sleep(2000);
    const reached1 = required1.map(firstTo).filter((d): d is Delivery => d !== undefined);
    const phase1 = deliveriesSince(world, t0);
    const last1 = reached1.length === required1.length ? Math.max(...reached1.map((d) => d.at)) - t0 : Number.NaN;
    const min1 = limitMinimumMs(phase1, slackConversations);
    const refused1 = refusedTotal(world);
    log(`  fan-out declared: ${reached1.length}/${required1.length} reached in ${last1} ms, ${phase1.length} messages, ${refused1} × 429`);

    // Phase 2: every shelter answers "Fullt" at once, through the staff member on its shelter's first platform.
    const prompts = new Map(staff.map((p) => [p.key, firstTo(dmOf(p))]));
    const t1 = Date.now();
    const answering = partnership.shelters.map((s, i) => people.find((p) => p.key === s.staff[i % 2])!);
    await Promise.all(
      answering.map(async (p) => {
        const prompt = prompts.get(p.key);
        if (prompt === undefined) return;
        if (p.platform === "slack") await slackClick(world, p.slack!, prompt, "coldnight.full");
        else await teamsClick(world, p.teams!, prompt, "coldnight.full");
      }),
    );
    const finalIn = (channel: string) => [...world.slack.deliveries, ...world.teams.deliveries].find((d) => d.conversation === channel && d.at >= t1 && fullCount(d) >= answering.length);
    await waitForBoth(world, () => channels.every((c) => finalIn(c) !== undefined));
    await sleep(2000);
    const reached2 = channels.map(finalIn).filter((d): d is Delivery => d !== undefined);
    const phase2 = deliveriesSince(world, t1);
    const last2 = reached2.length === channels.length ? Math.max(...reached2.map((d) => d.at)) - t1 : Number.NaN;
    // The least time for the card messages each channel needed until its card was complete (later ones were not needed).
    const needed = channels.flatMap((c) => {
      const final = finalIn(c);
      return phase2.filter((d) => d.conversation === c && (final === undefined || d.at <= final.at));
    });
    const min2 = limitMinimumMs(needed, slackConversations);
    const refused2 = refusedTotal(world) - refused1;
    const perChannel = channels.map((c) => phase2.filter((d) => d.conversation === c).length);
    log(`  fan-out answered: ${reached2.length}/${channels.length} cards final in ${last2} ms, card messages per channel ${perChannel.join("/")}, ${refused2} × 429`);

    const scenario1 = `fan-out: cold night declared (${sizes.shelters} shelters, ${people.length} people, 3+3 channels)`;
    const scenario2 = `fan-out: all ${sizes.shelters} shelters answer at once`;
    return [
      { scenario: scenario1, metric: "time to last required delivery", unit: "s", samverka: last1 / 1000, floor: min1 / 1000, floorName: "limit minimum", better: "lower" },
      { scenario: scenario1, metric: "429s drawn", unit: "", samverka: refused1, better: "lower" },
      { scenario: scenario1, metric: "required deliveries missing (retries exhausted)", unit: "", samverka: required1.length - reached1.length, better: "lower" },
      { scenario: scenario2, metric: "time until every card shows every answer", unit: "s", samverka: last2 / 1000, floor: min2 / 1000, floorName: "limit minimum", better: "lower" },
      { scenario: scenario2, metric: "card messages per channel (max)", unit: "", samverka: Math.max(...perChannel), better: "lower" },
      { scenario: scenario2, metric: "429s drawn", unit: "", samverka: refused2, better: "lower" },
      { scenario: scenario2, metric: "cards never complete (retries exhausted)", unit: "", samverka: channels.length - reached2.length, better: "lower" },
    ];
  } finally {
    await world.close();
  }
}
