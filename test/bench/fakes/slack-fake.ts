/**
 * A lean loopback Slack Web API for the bench: answers like Slack, records each accepted message (bodies only when
 * asked), and, given a limit, refuses messages to a channel beyond it with 429 and Retry-After as Slack does.
 * Response URLs are any `/response/<anything>` path on it.
 */
import type { IncomingMessage } from "node:http";
import { createRecord, listen, readBody, sendJson, type FakeRecord, type LimitOptions } from "./http-fake.ts";

export interface SlackFake extends FakeRecord {
  apiUrl: string;
  url: string;
  botUserId: string;
  /** Web API calls by method (accepted or not). */
  calls: Map<string, number>;
  responseUrl(id: string): string;
  close(): Promise<void>;
}

// Messages that land in a channel; Slack limits these per channel.
const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral", "chat.scheduleMessage"]);

function decode(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const text = raw.toString("utf8");
  if ((req.headers["content-type"] ?? "").includes("application/json")) return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const t = value.trim();
    out[key] = (t.startsWith("{") || t.startsWith("[")) ? safeJson(t) ?? value : value;
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function startSlackFake(options: LimitOptions = {}): Promise<SlackFake> {
  const record = createRecord(options);
  const calls = new Map<string, number>();
  const botUserId = "U0SAMVERKA";
  let counter = 0;
  const nextTs = () => `${1_800_000_000 + Math.floor(counter / 1000)}.${String(++counter).padStart(6, "0")}`;

  const server = await listen(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const raw = await readBody(req);
    if (path.startsWith("/response/")) {
      const body = decode(req, raw);
      const id = nextTs();
      record.add({ conversation: `response:${path.slice("/response/".length)}`, op: "response_url", at: Date.now(), id, ...(record.keep ? { body } : {}) });
      return sendJson(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, "");
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const body = decode(req, raw);
    const channel = typeof body.channel === "string" ? body.channel : "";
    if (MESSAGE_METHODS.has(method)) {
      const admitted = record.admit(channel, Date.now());
      if (!admitted.ok) return sendJson(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000))) });
      const ts = method === "chat.update" && typeof body.ts === "string" ? body.ts : nextTs();
      record.add({ conversation: channel, op: method, at: Date.now(), id: ts, ...(record.keep ? { body } : {}) });
      return sendJson(res, 200, method === "chat.postEphemeral" ? { ok: true, message_ts: ts } : { ok: true, channel, ts });
    }
    switch (method) {
      case "auth.test":
        return sendJson(res, 200, { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "samverka", team_id: "T0SAMVERKA", user_id: botUserId, bot_id: "B0SAMVERKA" });
      case "conversations.open": {
        const users = typeof body.users === "string" ? body.users : "UNKNOWN";
        return sendJson(res, 200, { ok: true, channel: { id: `D${users.replace(/^U/, "")}` } });
      }
      case "views.open":
      case "views.update":
      case "views.push":
        record.add({ conversation: "views", op: method, at: Date.now(), id: nextTs(), ...(record.keep ? { body } : {}) });
        return sendJson(res, 200, { ok: true, view: { id: `V${counter}`, ...(body.view as object) } });
      default:
        return sendJson(res, 200, { ok: true });
    }
  });

  return {
    ...record,
    apiUrl: `${server.url}/api/`,
    url: server.url,
    botUserId,
    calls,
    responseUrl: (id) => `${server.url}/response/${id}`,
    close: () => server.close(),
  };
}
