/**
 * /metrics after a real run: a cold night declared on Slack, answered by a Slack shelter (a modal form) and a Teams
 * shelter (a card button), the silent shelter escalated by a reminder, and outbox rows that Slack rate-limits and
 * refuses. Every family issue 14 names must be exposed, with the figures this run caused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../../src/chat/message.ts";
import type { SentItem } from "../../helpers/platform-driver.ts";
import { PARTNERSHIP, SLACK_CHANNEL, startAlertsServer, USERS, type AlertsServer } from "../alerts/alerts-server.ts";

describe("/metrics after a cold night on Slack and Teams", () => {
  let w: AlertsServer;
  let exposition: string;

  const scrape = async (): Promise<string> => {
    const res = await fetch(`${w.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };
  const outboxRow = (key: string) => w.db.selectFrom("outbox").select(["status", "attempts"]).where("key", "like", `${key}%`).executeTakeFirst();
  const answered = async () => (await w.db.selectFrom("cold_night_responses").select("answer").where("answer", "!=", "pending").execute()).length;
  const until = async (what: string, holds: () => Promise<boolean>): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!(await holds())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    w = await startAlertsServer("2026-12-03T15:00:00Z");
    const sara = USERS.sara.user;
    await w.slack.command(sara, "kallnatt -9", { conversation: SLACK_CHANNEL });
    // Found by what they are (a shelter's prompt with its answer buttons), not by wording the alerts capability owns.
    // (Every prompt lists every shelter in its tally, so it is told apart by whose direct conversation it is in.)
    const promptTo = (platform: "slack" | "teams", conversation: string) =>
      w.sentAfter(platform === "slack" ? w.slack : w.teams, (i) => i.conversation === conversation && i.buttons.some((b) => b.actionId === "coldnight.open"));
    const label = (item: SentItem, actionId: string) => item.buttons.find((b) => b.actionId === actionId)!.label;
    const prompt = await promptTo("slack", w.slack.dmChannel(USERS.sConv.user));
    const faPrompt = await promptTo("teams", w.teams.personalChat(USERS.sFa.user));

    // Both answer five minutes after the declaration: one through a Slack modal, one with a Teams card button.
    w.clock.set("2026-12-03T15:05:00Z");
    await w.slack.click(USERS.sConv.user, prompt, label(prompt, "coldnight.open"));
    const form = await w.sentAfter(w.slack, (i) => (i.fields ?? []).includes("places"));
    expect(await w.slack.submitForm(USERS.sConv.user, form, { places: "12" })).toBeUndefined();
    await w.teams.click(USERS.sFa.user, faPrompt, label(faPrompt, "coldnight.full"));
    await until("both answers", async () => (await answered()) === 2);

    // The silent shelter's first escalation step runs from its reminder, on time.
    w.clock.set("2026-12-03T15:15:00Z");
    await w.deliverDue();
    await until(
      "the escalation reminder",
      async () => (await w.db.selectFrom("reminders").select("id").where("key", "like", "coldnight:%").where("status", "=", "done").execute()).length > 0,
    );

    // Slack rate-limits one channel post (retried from the row, then sent) and refuses another for good.
    w.slackFake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    await w.work.transact((u) => u.notifier.toChannels(PARTNERSHIP, { purpose: "alerts" }, () => textMessage("Prov 1"), { key: "ops-test:limited" }));
    await until("the rate-limited row to be sent", async () => (await outboxRow("ops-test:limited:channel:slack"))?.status === "sent");
    w.slackFake.failNext("chat.postMessage", { error: "invalid_blocks" });
    await w.work.transact((u) => u.notifier.toChannels(PARTNERSHIP, { purpose: "alerts" }, () => textMessage("Prov 2"), { key: "ops-test:refused" }));
    await until("the refused row to fail", async () => (await outboxRow("ops-test:refused:channel:slack"))?.status === "failed");

    // Quiet: every outbox row due by the test's clock has been taken (the failure notice waits for its window).
    await until(
      "a quiet outbox",
      async () =>
        (await w.db.selectFrom("outbox").select("id").where("status", "in", ["pending", "processing"]).where("due_at", "<=", w.clock.now()).execute())
          .length === 0,
    );
    expect((await fetch(`${w.url}/no-such-route`)).status).toBe(404);
    exposition = await scrape();
  }, 60_000);

  afterAll(async () => {
    await w?.close();
  });

  it("counts HTTP requests by route and status, unknown paths under one label", () => {
    expect(sample(exposition, "samverka_http_requests_total", { method: "POST", route: "/slack/events", status: "200" })).toBeGreaterThanOrEqual(3);
    expect(sample(exposition, "samverka_http_requests_total", { method: "POST", route: "/api/messages", status: "200" })).toBeGreaterThanOrEqual(2);
    expect(sample(exposition, "samverka_http_requests_total", { route: "unmatched", status: "404" })).toBe(1);
    expect(sample(exposition, "samverka_http_request_duration_seconds_count", { route: "/slack/events" })).toBeGreaterThanOrEqual(3);
  });

  it("counts inbound events by platform and kind, and the forms they completed", () => {
    expect(sample(exposition, "samverka_inbound_events_total", { platform: "slack", kind: "command" })).toBe(1);
    expect(sample(exposition, "samverka_inbound_events_total", { platform: "slack", kind: "action" })).toBe(1);
    expect(sample(exposition, "samverka_inbound_events_total", { platform: "slack", kind: "form" })).toBe(1);
    expect(sample(exposition, "samverka_inbound_events_total", { platform: "teams", kind: "action" })).toBe(1);
    expect(sample(exposition, "samverka_inbound_events_total", { platform: "teams", kind: "installed" })).toBeGreaterThanOrEqual(1);
    expect(sample(exposition, "samverka_form_completions_total", { form: "coldnight.places", via: "card" })).toBe(1);
  });

  it("counts outbox deliveries sent, retried and failed by platform", () => {
    expect(sample(exposition, "samverka_outbox_sent_total", { platform: "slack" })).toBeGreaterThan(0);
    expect(sample(exposition, "samverka_outbox_sent_total", { platform: "teams" })).toBeGreaterThan(0);
    expect(sample(exposition, "samverka_outbox_retried_total", { platform: "slack" })).toBe(1);
    expect(sample(exposition, "samverka_outbox_failed_total", { platform: "slack" })).toBe(1);
  });

  it("counts jobs by queue and shows each queue's depth and oldest waiting job", () => {
    expect(sample(exposition, "samverka_jobs_processed_total", { queue: "outbox" })).toBeGreaterThan(5);
    expect(sample(exposition, "samverka_jobs_processed_total", { queue: "reminders" })).toBeGreaterThanOrEqual(1);
    for (const family of ["samverka_jobs_failed_total", "samverka_jobs_retried_total"]) expect(exposition).toContain(`# TYPE ${family} counter`);
    for (const queue of ["reminders", "outbox", "recurring"]) {
      expect(sample(exposition, "samverka_queue_jobs", { queue, state: "delayed" })).toBeGreaterThanOrEqual(0);
      expect(sample(exposition, "samverka_queue_oldest_waiting_seconds", { queue })).toBeGreaterThanOrEqual(0);
    }
    // The escalation ladder's later steps wait as delayed jobs; the recurring ticks as their schedulers' next runs.
    expect(sample(exposition, "samverka_queue_jobs", { queue: "reminders", state: "delayed" })).toBeGreaterThan(0);
    expect(sample(exposition, "samverka_queue_jobs", { queue: "recurring", state: "delayed" })).toBeGreaterThan(0);
  });

  it("reads the backlog from the outbox, reminder and inbox rows", () => {
    for (const table of ["outbox", "reminders", "inbox"]) {
      expect(sample(exposition, "samverka_backlog_rows", { table })).toBeGreaterThanOrEqual(0);
      expect(sample(exposition, "samverka_backlog_oldest_seconds", { table })).toBeGreaterThanOrEqual(0);
    }
    // The failure notice for samordning waits for its five-minute window to close: due later, so not backlog.
    expect(sample(exposition, "samverka_backlog_rows", { table: "outbox" })).toBe(0);
    expect(sample(exposition, "samverka_metrics_source_up", { source: "backlog" })).toBe(1);
    expect(sample(exposition, "samverka_metrics_source_up", { source: "queues" })).toBe(1);
    expect(sample(exposition, "samverka_metrics_source_up", { source: "rows" })).toBe(1);
  });

  it("observes reminder lateness and each shelter's acknowledgement time, once", async () => {
    expect(sample(exposition, "samverka_reminder_lateness_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(exposition, "samverka_reminder_lateness_seconds_bucket", { le: "0.1" })).toBe(sample(exposition, "samverka_reminder_lateness_seconds_count"));
    // Declared at 15.00, answered at 15.05 on both platforms.
    expect(sample(exposition, "samverka_cold_night_acknowledgement_seconds_count")).toBe(2);
    expect(sample(exposition, "samverka_cold_night_acknowledgement_seconds_sum")).toBe(600);
    expect(sample(exposition, "samverka_cold_night_acknowledgement_seconds_bucket", { le: "300" })).toBe(2);
    expect(sample(exposition, "samverka_cold_night_acknowledgement_seconds_bucket", { le: "120" })).toBe(0);
    const again = await scrape();
    expect(sample(again, "samverka_cold_night_acknowledgement_seconds_count")).toBe(2);
  });

  it("exposes the default process metrics", () => {
    for (const name of ["process_cpu_user_seconds_total", "process_resident_memory_bytes", "nodejs_eventloop_lag_seconds", "nodejs_heap_size_used_bytes"]) {
      expect(sample(exposition, name), name).toBeGreaterThanOrEqual(0);
    }
  });
});

/** One sample of a Prometheus text exposition: the sum of every series of `name` whose labels include `labels`. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of exposition.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const have = new Map([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m): [string, string] => [m[1]!, m[2]!]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
