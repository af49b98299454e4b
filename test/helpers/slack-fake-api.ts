/**
 * A loopback fake of Slack's Web API for tests: point the adapter at it with `SLACK_API_URL=<fake.apiUrl>`.
 *
 *   const fake = await startSlackFakeApi();
 *   ... run the server with SLACK_API_URL = fake.apiUrl ...
 *   fake.calls("chat.postMessage")       // what the bot sent, bodies decoded (blocks/view parsed from JSON)
 *   fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 })   // or { error: "channel_not_found" }
 *   fake.createResponseUrl({ channel, userId })  // a response_url that records what the bot posts to it
 *   fake.faultWindow({ kind: "ratelimited", retryAfterSeconds: 2 }, 60_000)   // every call refused for a while
 *   fake.deliveries()                     // what reached someone: posts, updates, ephemerals, response_url answers
 *   await fake.close();
 *
 * It answers like Slack (`ok: true`, `ts`, `channel`, …) and keeps what was posted as each conversation's history
 * (conversations.history: newest first, `oldest`/`latest`/`inclusive`, `limit` with cursor pages, message
 * metadata only with `include_all_metadata`; updates and deletes apply to it; a post to a user id lands in their DM
 * channel). It serves files.uploadV2's three steps: the upload URL
 * it hands out points back at itself, and the uploaded bytes are kept in `uploads`. With `socketUrl` (see
 * slack-fake-socket.ts) apps.connections.open hands that WebSocket URL to a Socket Mode client.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { textsOf } from "./slack-sent-items.ts";

/** One request the bot made to the fake. */
export interface FakeCall {
  /** Web API method (`chat.postMessage`), or `response_url` for posts to a response URL. */
  method: string;
  /** Decoded body: form fields with JSON-looking values parsed. */
  body: Record<string, unknown>;
  /** When the fake received it (ms since epoch). */
  at: number;
  /** For `response_url`: where that URL belongs. */
  responseContext?: ResponseContext;
  /** For `response_url`: the URL posted to (each command or click has its own). */
  responseUrl?: string;
  /** What the fake answered (for chat.postMessage: the ts it assigned). */
  answer: Record<string, unknown>;
}

/** What a response_url stands for: the conversation, the user, and the message it can replace. */
export interface ResponseContext {
  channel: string;
  userId: string;
  messageTs?: string;
}

/** A programmed failure for the next call of a method. */
export type FakeFailure = { status: 429; retryAfter: number } | { error: string } | { status: number };

/**
 * A stretch of time in which Slack misbehaves for every Web API call (and, for HTTP-level faults, for response
 * URLs too): HTTP 429 with Retry-After, HTTP 500, or HTTP 200 `{ ok: false, error: "internal_error" }`.
 */
export type FaultKind = { kind: "ratelimited"; retryAfterSeconds: number } | { kind: "server_error" } | { kind: "internal_error" };

/** Something that reached a person or a channel: the calls Slack accepted that show a message. */
export interface Delivery {
  method: "chat.postMessage" | "chat.update" | "chat.postEphemeral" | "response_url";
  /** The conversation it landed in (for response_url: the one the URL belongs to). */
  channel: string;
  /** Whom an ephemeral message or a response_url answer was for. */
  user: string | undefined;
  /** For response_url answers: which URL (so each command's answers can be counted). */
  responseUrl?: string;
  /** The message ts it created or replaced (response_url answers: the fake's own). */
  ts: string;
  /** Every human-visible string of the message. */
  text: string;
  at: number;
  body: Record<string, unknown>;
}

export interface SlackFakeApi {
  /** Base URL for SLACK_API_URL, ending in `/api/`. */
  apiUrl: string;
  /** Base URL of the fake (for response URLs). */
  url: string;
  /** The bot user the fake's auth.test reports. */
  botUserId: string;
  /** Every call so far, oldest first; only those of `method` when given. */
  calls(method?: string): FakeCall[];
  /** Bytes uploaded through files.uploadV2, by file id. */
  uploads: Map<string, Buffer>;
  /** Makes the next call of `method` fail as described (queued; several calls may be programmed). */
  failNext(method: string, failure: FakeFailure): void;
  /** Refuses every call as `fault` describes for the next `ms` milliseconds (auth.test too, as a real outage would). */
  faultWindow(fault: FaultKind, ms: number): void;
  /** Makes every answer (Web API and response_url) wait `ms` first, as Slack across the internet does. */
  setLatency(ms: number): void;
  /** Calls refused by fault windows so far, by method. */
  faulted(): Map<string, number>;
  /** Every accepted call that showed a message to someone, oldest first (refused calls are not deliveries). */
  deliveries(): Delivery[];
  /** A response_url on the fake bound to a conversation, user and optionally a message. */
  createResponseUrl(context: ResponseContext): string;
  /** Forgets recorded calls. */
  clear(): void;
  close(): Promise<void>;
}

function decodeValue(value: string): unknown {
  const t = value.trim();
  if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function decodeBody(req: IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return raw.length === 0 ? {} : (JSON.parse(raw.toString("utf8")) as Record<string, unknown>);
  if (type.includes("multipart/form-data")) {
    const form = await new Request("http://fake/", { method: "POST", headers: { "content-type": type }, body: raw }).formData();
    const out: Record<string, unknown> = {};
    for (const [key, value] of form) out[key] = typeof value === "string" ? decodeValue(value) : Buffer.from(await value.arrayBuffer());
    return out;
  }
  return Object.fromEntries([...new URLSearchParams(raw.toString("utf8"))].map(([k, v]) => [k, decodeValue(v)]));
}

const DELIVERY_METHODS = new Set<string>(["chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"]);

function deliveryOf(call: FakeCall): Delivery[] {
  if (call.answer.failed !== undefined || !DELIVERY_METHODS.has(call.method)) return [];
  const b = call.body;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const text = [str(b.text) ?? "", ...textsOf(b.blocks)].filter((t) => t !== "").join("\n");
  const method = call.method as Delivery["method"];
  if (method === "response_url") {
    const ctx = call.responseContext!;
    return [
      {
        method,
        channel: ctx.channel,
        user: ctx.userId,
        ...(call.responseUrl === undefined ? {} : { responseUrl: call.responseUrl }),
        ts: String(call.answer.ts),
        text,
        at: call.at,
        body: b,
      },
    ];
  }
  const ts = method === "chat.update" ? str(b.ts) : method === "chat.postEphemeral" ? str(call.answer.message_ts) : str(call.answer.ts);
  return [{ method, channel: str(b.channel) ?? "", user: method === "chat.postEphemeral" ? str(b.user) : undefined, ts: ts ?? "", text, at: call.at, body: b }];
}

/** A message as conversations.history returns it. */
type StoredMessage = { ts: string; metadata?: unknown } & Record<string, unknown>;

const nowTs = () => (Date.now() / 1000).toFixed(6);

/** Orders Slack timestamps ("seconds.suffix") exactly, without floating point. */
function compareTs(a: string, b: string): number {
  const [as, af = ""] = a.split(".");
  const [bs, bf = ""] = b.split(".");
  return Number(as) - Number(bs) || Number(af.padEnd(6, "0")) - Number(bf.padEnd(6, "0"));
}

/**
 * Each conversation's messages, as Slack keeps them: posts land in order, updates and deletes apply in place. A
 * test may hand the bot messages the fake never saw posted (a click on a fixture message): updating or deleting
 * those is accepted, as it would be for a message posted before the fake started.
 */
function createHistory() {
  const byChannel = new Map<string, StoredMessage[]>();
  // chat.postMessage to a user id posts in the bot's DM with them, as conversations.open names it.
  const conversationOf = (channel: string) => (channel.startsWith("U") ? `D${channel.slice(1)}` : channel);
  const find = (channel: string, ts: string) => byChannel.get(conversationOf(channel))?.findIndex((m) => m.ts === ts) ?? -1;
  return {
    post(channel: string, message: StoredMessage): string {
      const id = conversationOf(channel);
      byChannel.set(id, [...(byChannel.get(id) ?? []), message]);
      return id;
    },
    update(channel: string, ts: string, change: Record<string, unknown>): void {
      const i = find(channel, ts);
      const list = byChannel.get(conversationOf(channel));
      if (i >= 0 && list !== undefined) list[i] = { ...list[i]!, ...change, edited: { user: "U0SAMVERKA", ts: nowTs() } };
    },
    remove(channel: string, ts: string): void {
      const i = find(channel, ts);
      if (i >= 0) byChannel.get(conversationOf(channel))!.splice(i, 1);
    },
    /** conversations.history: newest first within (oldest, latest), `limit` per page (default 100), cursor = offset. */
    read(channel: string, args: Record<string, unknown>): Record<string, unknown> {
      const list = byChannel.get(conversationOf(channel)) ?? [];
      const inclusive = args.inclusive === true || args.inclusive === "true" || args.inclusive === "1";
      const oldest = typeof args.oldest === "string" ? args.oldest : undefined;
      const latest = typeof args.latest === "string" ? args.latest : undefined;
      const within = (ts: string) => {
        const afterOldest = oldest === undefined || (inclusive ? compareTs(ts, oldest) >= 0 : compareTs(ts, oldest) > 0);
        const beforeLatest = latest === undefined || (inclusive ? compareTs(ts, latest) <= 0 : compareTs(ts, latest) < 0);
        return afterOldest && beforeLatest;
      };
      const matching = list.filter((m) => within(m.ts)).sort((a, b) => compareTs(b.ts, a.ts));
      const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true" || args.include_all_metadata === "1";
      const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
      const offset =
        typeof args.cursor === "string" && args.cursor !== ""
          ? Number(
              Buffer.from(args.cursor, "base64")
                .toString("utf8")
                .replace(/^offset:/, ""),
            )
          : 0;
      const page = matching
        .slice(offset, offset + limit)
        .map(({ metadata, ...rest }) => (withMetadata && metadata !== undefined ? { ...rest, metadata } : rest));
      const hasMore = offset + limit < matching.length;
      return {
        ok: true,
        messages: page,
        has_more: hasMore,
        pin_count: 0,
        response_metadata: { next_cursor: hasMore ? Buffer.from(`offset:${offset + limit}`).toString("base64") : "" },
      };
    },
  };
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startSlackFakeApi(options: { botUserId?: string; teamId?: string; socketUrl?: string } = {}): Promise<SlackFakeApi> {
  const botUserId = options.botUserId ?? "U0SAMVERKA";
  const teamId = options.teamId ?? "T0SAMVERKA";
  const recorded: FakeCall[] = [];
  const failures = new Map<string, FakeFailure[]>();
  const uploads = new Map<string, Buffer>();
  const responseUrls = new Map<string, ResponseContext>();
  const faultCounts = new Map<string, number>();
  let window: { fault: FaultKind; until: number } | undefined;
  let latencyMs = 0;
  let tsCounter = 0;
  let base = "";
  // Like Slack's: the Unix time in seconds, and a suffix that keeps every ts unique and increasing.
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`;
  const history = createHistory();
  const nextId = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").toUpperCase()}`;

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body.channel === "string" ? body.channel : undefined;
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "samverka", team_id: teamId, user_id: botUserId, bot_id: "B0SAMVERKA" };
      case "chat.postMessage": {
        const ts = nextTs();
        const message = {
          type: "message",
          ts,
          text: body.text,
          blocks: body.blocks,
          bot_id: "B0SAMVERKA",
          ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
        };
        const landedIn = history.post(channel ?? "", message);
        return { ok: true, channel: landedIn, ts, message };
      }
      case "chat.update":
        history.update(channel ?? "", String(body.ts), { text: body.text, blocks: body.blocks });
        return { ok: true, channel, ts: body.ts, text: body.text };
      case "chat.delete":
        history.remove(channel ?? "", String(body.ts));
        return { ok: true, channel, ts: body.ts };
      case "conversations.history":
        return history.read(channel ?? "", body);
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "conversations.open": {
        const users = typeof body.users === "string" ? body.users : "UNKNOWN";
        return { ok: true, channel: { id: `D${users.replace(/^U/, "")}` } };
      }
      case "views.open":
        return { ok: true, view: { id: nextId("V"), ...(body.view as object) } };
      case "files.getUploadURLExternal": {
        const fileId = nextId("F");
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId };
      }
      case "apps.connections.open":
        return options.socketUrl === undefined ? { ok: false, error: "socket_mode_not_faked" } : { ok: true, url: options.socketUrl };
      case "files.completeUploadExternal":
        return { ok: true, files: body.files ?? [] };
      default:
        return { ok: true };
    }
  }

  function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(json));
  }

  // Answers a call inside a fault window as that fault; false when no window is open (or it does not apply).
  function refuseInWindow(res: ServerResponse, method: string, body: Record<string, unknown>, context?: ResponseContext, responseUrl?: string): boolean {
    if (window === undefined || Date.now() >= window.until) return false;
    const { fault } = window;
    // Slack's response URLs answer HTTP errors, never an ok:false body.
    if (method === "response_url" && fault.kind === "internal_error") return false;
    faultCounts.set(method, (faultCounts.get(method) ?? 0) + 1);
    recorded.push({ method, body, at: Date.now(), ...(context === undefined ? {} : { responseContext: context, responseUrl }), answer: { failed: fault } });
    if (fault.kind === "ratelimited") send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfterSeconds) });
    else if (fault.kind === "server_error") send(res, 500, { ok: false, error: "fake_server_error" });
    else send(res, 200, { ok: false, error: "internal_error" });
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const raw = await readBody(req);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (path.startsWith("/upload/")) {
      uploads.set(path.slice("/upload/".length), raw);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`OK - ${raw.length}`);
      return;
    }
    const body = await decodeBody(req, raw);
    if (path.startsWith("/response/")) {
      const context = responseUrls.get(path.slice("/response/".length));
      if (context === undefined) return send(res, 404, { ok: false, error: "expired_url" });
      if (refuseInWindow(res, "response_url", body, context, `${base}${path}`)) return;
      const ts = body.replace_original === true && context.messageTs !== undefined ? context.messageTs : nextTs();
      recorded.push({ method: "response_url", body, at: Date.now(), responseContext: context, responseUrl: `${base}${path}`, answer: { ok: true, ts } });
      return send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, "");
    if (path.startsWith("/api/") && refuseInWindow(res, method, body)) return;
    const failure = failures.get(method)?.shift();
    if (failure !== undefined) {
      recorded.push({ method, body, at: Date.now(), answer: { failed: failure } });
      if ("retryAfter" in failure) return send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
      if ("error" in failure) return send(res, 200, { ok: false, error: failure.error });
      return send(res, failure.status, { ok: false, error: "fake_http_failure" });
    }
    const reply = answer(method, body);
    recorded.push({ method, body, at: Date.now(), answer: reply });
    send(res, 200, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    url: base,
    botUserId,
    calls: (method) => recorded.filter((c) => method === undefined || c.method === method),
    uploads,
    failNext: (method, failure) => failures.set(method, [...(failures.get(method) ?? []), failure]),
    faultWindow: (fault, ms) => {
      window = { fault, until: Date.now() + ms };
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    faulted: () => new Map(faultCounts),
    deliveries: () => recorded.flatMap((call) => deliveryOf(call)),
    createResponseUrl: (context) => {
      const token = randomBytes(8).toString("hex");
      responseUrls.set(token, context);
      return `${base}/response/${token}`;
    },
    clear: () => {
      recorded.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
