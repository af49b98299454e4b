/**
 * The load generator, in its own process so it does not share an event loop with what it measures: autocannon
 * sending signed Slack slash commands, signed Slack message events, or Teams message activities, each request
 * unique (trigger id, event id, activity id) as the platforms send them. Started by the bench with the plan as
 * its one argument (JSON); sends the result back over IPC.
 */
import autocannon from "autocannon";
import { createHmac, randomBytes } from "node:crypto";
import type { LoadPlan, LoadResult } from "./load-plan.ts";

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
let sent = 0;

function slackSigned(body: string, contentType: string): { headers: Record<string, string>; body: string } {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac("sha256", plan.secret ?? "").update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { headers: { "content-type": contentType, "x-slack-request-timestamp": timestamp, "x-slack-signature": signature }, body };
}

function nextRequest(): { headers: Record<string, string>; body: string } {
  const n = sent++;
  const user = plan.users[n % plan.users.length]!;
  const unique = `${process.pid}${n}${randomBytes(4).toString("hex")}`;
  if (plan.kind === "slack-command") {
    const channel = `D${user.replace(/^U/, "")}`;
    const body = new URLSearchParams({
      token: "legacy",
      team_id: "T0SAMVERKA",
      team_domain: "bench",
      channel_id: channel,
      channel_name: "directmessage",
      user_id: user,
      user_name: user.toLowerCase(),
      command: "/samverka",
      text: plan.text,
      api_app_id: "A0SAMVERKA",
      is_enterprise_install: "false",
      response_url: `${plan.platformUrl}/response/${unique}`,
      trigger_id: `${Math.floor(Date.now() / 1000)}.${unique}`,
    }).toString();
    return slackSigned(body, "application/x-www-form-urlencoded");
  }
  if (plan.kind === "slack-event") {
    const ts = (Date.now() / 1000).toFixed(6);
    const body = JSON.stringify({
      token: "legacy",
      team_id: "T0SAMVERKA",
      api_app_id: "A0SAMVERKA",
      event: { type: "message", channel: `D${user.replace(/^U/, "")}`, channel_type: "im", user, text: plan.text, ts, event_ts: ts },
      type: "event_callback",
      event_id: `Ev${unique.toUpperCase()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: "T0SAMVERKA", user_id: "U0SAMVERKA", is_bot: true, is_enterprise_install: false }],
    });
    return slackSigned(body, "application/json");
  }
  const body = JSON.stringify({
    type: "message",
    id: `f:bench-${unique}`,
    channelId: "msteams",
    serviceUrl: `${plan.platformUrl}/`,
    timestamp: new Date().toISOString(),
    locale: "sv-SE",
    from: { id: user, name: user },
    recipient: { id: "28:samverka-bench-bot", name: "Samverka" },
    conversation: { id: `a:personal-${user}`, conversationType: "personal", tenantId: "00000000-0000-0000-0000-00000000bbbb" },
    channelData: { tenant: { id: "00000000-0000-0000-0000-00000000bbbb" } },
    text: plan.text,
    textFormat: "plain",
  });
  return { headers: { "content-type": "application/json" }, body };
}

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const startedAt = Date.now();
const instance = autocannon({
  url: plan.url,
  connections: plan.connections,
  ...(plan.rate === undefined ? {} : { overallRate: plan.rate }),
  ...(plan.amount === undefined ? { duration: plan.durationSec ?? 10 } : { amount: plan.amount }),
  timeout: 30,
  requests: [{ method: "POST", setupRequest: (request: Record<string, unknown>) => ({ ...request, ...nextRequest() }) }],
});
instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
instance.on("done", (result: { errors: number; timeouts: number; duration: number }) => {
  const finishedAt = Date.now();
  const ok = Object.entries(statuses).filter(([code]) => code.startsWith("2")).reduce((n, [, count]) => n + count, 0);
  const out: LoadResult = { startedAt, finishedAt, latencies, statuses, ok, errors: result.errors, timeouts: result.timeouts, durationSec: (finishedAt - startedAt) / 1000 };
  process.send!(out, () => process.exit(0));
});
