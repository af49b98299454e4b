/**
 * What a cold-night declaration must leave behind, read from the outside: the Slack fake's deliveries per
 * recipient and the rows in the bot's database. A declaration is `complete` (every reachable staff member
 * prompted, a card in every alert channel, every shelter's ladder (its next step) and the morning close as rows,
 * the declarer answered), `nothing` (no alert, no message) or `partial` (anything in between: a lost message or row).
 */
import { DateTime } from "luxon";
import { sql } from "kysely";
import { nightName } from "../../../src/alerts/cold-nights/night-name.ts";
import type { Db } from "../../../src/db/database.ts";
import type { Delivery, SlackFakeApi } from "../../helpers/slack-fake-api.ts";
import { sleep } from "./bot-process.ts";

/** The people and channels of test/fixtures/faults/cold-night-partnership.yaml. */
export const FIXTURE = {
  partnershipId: "faults",
  declarer: "U0FSAMORD",
  /** Socialjouren, who may declare too (the scale-out scenario declares through both web processes at once). */
  secondDeclarer: "U0FJOUR",
  /** Staff of the three shelters whose staff have a Slack identity; Stadsmissionen's only staff member has none. */
  staff: ["U0FSCONV1", "U0FSCONV2", "U0FSFA1", "U0FSFA2", "U0FSNG1", "U0FSNG2"],
  shelters: 4,
  alertChannels: ["C0FALERTS1", "C0FALERTS2"],
  mainChannel: "C0FMAIN",
  owners: Array.from({ length: 20 }, (_, i) => `U0FOWN${String(i + 1).padStart(2, "0")}`),
} as const;

/** The night the scenarios declare: tomorrow in Stockholm, so its morning close is always more than a day away. */
export function nightToDeclare(): string {
  return DateTime.now().setZone("Europe/Stockholm").plus({ days: 1 }).toISODate()!;
}

/** A direct message to a Slack user lands in their DM channel (D + id without U), or is posted to the user id. */
export function isDirectTo(d: Delivery, userId: string): boolean {
  return d.method === "chat.postMessage" && (d.channel === `D${userId.replace(/^U/, "")}` || d.channel === userId);
}

/** Whether a delivery is an answer to `userId`: a response_url answer or ephemeral for them, or a DM. */
export function isAnswerTo(d: Delivery, userId: string): boolean {
  return ((d.method === "response_url" || d.method === "chat.postEphemeral") && d.user === userId) || isDirectTo(d, userId);
}

/** Whether a reply names `night` (ISO date) as the bot says it to the fixture's Swedish partnership: "natten mot fredag 4 december". */
export function namesNight(text: string, night: string): boolean {
  return text.includes(nightName(night, "sv"));
}

/** What one declaration left behind. */
export interface ColdNightFigures {
  alerts: number;
  /** Shelters with a pending ladder step (each step schedules the next, so one row per silent shelter). */
  ladderRows: number;
  closeRows: number;
  /** Posts to each staff member's DM. */
  prompts: Record<string, number>;
  /** Posts (not updates) to each alert channel. */
  cards: Record<string, number>;
  /** Answers to the declarer that name the night (as the bot says it: "natten mot fredag 4 december"). */
  declarerAnswers: number;
  declarerTexts: string[];
}

export type Verdict = "complete" | "nothing" | "partial";

/** Reads the figures of the declaration of `night` by `declarer`. */
export async function readColdNight(db: Db, fake: SlackFakeApi, night: string, declarer: string = FIXTURE.declarer): Promise<ColdNightFigures> {
  const alerts = await db.selectFrom("cold_night_alerts").select("id").where("partnership_id", "=", FIXTURE.partnershipId).where("night", "=", night).execute();
  let ladderRows = 0;
  let closeRows = 0;
  for (const { id } of alerts) {
    const rows = await db.selectFrom("reminders").select(["key", "status"]).where("key", "like", `coldnight:${id}:%`).where("status", "=", "pending").execute();
    ladderRows += new Set(rows.filter((r) => /:step-[\d-]+$/.test(r.key)).map((r) => r.key.split(":")[2])).size;
    closeRows += rows.filter((r) => r.key.endsWith(":auto-close")).length;
  }
  const deliveries = fake.deliveries();
  const prompts = Object.fromEntries(FIXTURE.staff.map((u) => [u, deliveries.filter((d) => isDirectTo(d, u)).length]));
  const cards = Object.fromEntries(FIXTURE.alertChannels.map((c) => [c, deliveries.filter((d) => d.method === "chat.postMessage" && d.channel === c).length]));
  const answers = deliveries.filter((d) => isAnswerTo(d, declarer) && namesNight(d.text, night));
  return {
    alerts: alerts.length,
    ladderRows,
    closeRows,
    prompts,
    cards,
    declarerAnswers: answers.length,
    declarerTexts: answers.map((a) => a.text.split("\n")[0]!),
  };
}

/** Complete, nothing, or something in between. */
export function verdictOf(f: ColdNightFigures): Verdict {
  const prompts = Object.values(f.prompts);
  const cards = Object.values(f.cards);
  const complete =
    f.alerts === 1 &&
    f.ladderRows === FIXTURE.shelters &&
    f.closeRows === 1 &&
    prompts.every((n) => n >= 1) &&
    cards.every((n) => n >= 1) &&
    f.declarerAnswers >= 1;
  if (complete) return "complete";
  const nothing = f.alerts === 0 && prompts.every((n) => n === 0) && cards.every((n) => n === 0);
  return nothing ? "nothing" : "partial";
}

/** Messages that went out more than once: "U0FSFA1 ×2", "C0FALERTS1 ×3". */
export function doubled(f: ColdNightFigures): string[] {
  return [...Object.entries(f.prompts), ...Object.entries(f.cards)].filter(([, n]) => n > 1).map(([who, n]) => `${who} ×${n}`);
}

/** What is missing from a complete declaration, for failure messages. */
export function missing(f: ColdNightFigures): string[] {
  return [
    ...(f.alerts === 1 ? [] : [`${f.alerts} alert rows (want 1)`]),
    ...(f.ladderRows === FIXTURE.shelters ? [] : [`${f.ladderRows} shelters with a pending ladder step (want ${FIXTURE.shelters})`]),
    ...(f.closeRows === 1 ? [] : [`${f.closeRows} morning-close rows (want 1)`]),
    ...Object.entries(f.prompts)
      .filter(([, n]) => n === 0)
      .map(([u]) => `no prompt to ${u}`),
    ...Object.entries(f.cards)
      .filter(([, n]) => n === 0)
      .map(([c]) => `no card in ${c}`),
    ...(f.declarerAnswers >= 1 ? [] : ["the declarer was never told the outcome"]),
  ];
}

/** One line of figures for a table: prompts and cards as "delivered/expected", plus the doubles. */
export function summarise(f: ColdNightFigures): Record<string, string | number> {
  const prompts = Object.values(f.prompts);
  const cards = Object.values(f.cards);
  return {
    alert: f.alerts,
    prompts: `${prompts.filter((n) => n > 0).length}/${prompts.length}`,
    "prompts sent": prompts.reduce((a, b) => a + b, 0),
    cards: `${cards.filter((n) => n > 0).length}/${cards.length}`,
    "cards sent": cards.reduce((a, b) => a + b, 0),
    ladder: `${f.ladderRows}/${FIXTURE.shelters}`,
    close: f.closeRows,
    "declarer told": f.declarerAnswers,
    doubled: doubled(f).join(" ") || "–",
  };
}

/**
 * Work the bot has recorded and not finished: inbox and outbox rows pending or claimed (a retry waiting for its
 * time included), and reminders due by now that have not run. Zero means nothing more is going to be sent.
 */
export async function unfinishedWork(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from inbox where status in ('pending', 'processing'))
         + (select count(*) from outbox where status in ('pending', 'processing'))
         + (select count(*) from reminders where status in ('pending', 'processing') and due_at <= now()) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Waits until `done` holds and the bot has been quiet (no new delivery, no unfinished work) for `quietMs`. With
 * `endWhenIdle`, quiet and no unfinished work ends the wait even when `done` does not hold: nothing more is
 * coming, so the verdict is final. Otherwise it ends when nothing has changed for `stallMs`, or at `capMs`.
 */
export async function waitUntilSettled(options: {
  db: Db;
  fake: SlackFakeApi;
  done: () => Promise<boolean>;
  capMs: number;
  stallMs: number;
  quietMs?: number;
  endWhenIdle?: boolean;
}): Promise<{ ended: "settled" | "idle" | "stalled" | "cap"; ms: number }> {
  const started = Date.now();
  const quietMs = options.quietMs ?? 2000;
  let seen = -1;
  let changedAt = Date.now();
  for (;;) {
    const count = options.fake.deliveries().length;
    if (count !== seen) {
      seen = count;
      changedAt = Date.now();
    }
    const now = Date.now();
    if (now - changedAt >= quietMs && (await unfinishedWork(options.db).catch(() => 1)) === 0) {
      if (await options.done()) return { ended: "settled", ms: now - started };
      if (options.endWhenIdle === true) return { ended: "idle", ms: now - started };
    }
    if (now - changedAt >= options.stallMs) return { ended: "stalled", ms: now - started };
    if (now - started >= options.capMs) return { ended: "cap", ms: now - started };
    await sleep(250);
  }
}
