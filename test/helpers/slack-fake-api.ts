/**
 * A loopback fake of Slack's Web API for tests: point the adapter at it with `SLACK_API_URL=<fake.apiUrl>`.
 *
 *   const fake = await startSlackFakeApi();
 *   ... run the server with SLACK_API_URL = fake.apiUrl ...
 *   fake.calls("chat.postMessage")       // what the bot sent, bodies decoded (blocks/view parsed from JSON)
 *   fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 })   // or { error: "channel_not_found" }
 *   fake.createResponseUrl({ channel, userId })  // a response_url that records what the bot posts to it
 *   await fake.close();
 *
 * It answers like Slack (`ok: true`, `ts`, `channel`, …) and serves files.uploadV2's three steps: the upload URL
 * it hands out points back at itself, and the uploaded bytes are kept in `uploads`. With `socketUrl` (see
 * slack-fake-socket.ts) apps.connections.open hands that WebSocket URL to a Socket Mode client.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startSlackFakeApi(options: { botUserId?: string; teamId?: string; socketUrl?: string } = {}): Promise<SlackFakeApi> {
  const botUserId = options.botUserId ?? "U0SAMVERKA";
  const teamId = options.teamId ?? "T0SAMVERKA";
  const recorded: FakeCall[] = [];
  const failures = new Map<string, FakeFailure[]>();
  const uploads = new Map<string, Buffer>();
  const responseUrls = new Map<string, ResponseContext>();
  let tsCounter = 0;
  let base = "";
  const nextTs = () => `${1_800_000_000 + Math.floor(tsCounter / 1000)}.${String(++tsCounter).padStart(6, "0")}`;
  const nextId = (prefix: string) => `${prefix}${randomBytes(5).toString("hex").toUpperCase()}`;

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body.channel === "string" ? body.channel : undefined;
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "samverka", team_id: teamId, user_id: botUserId, bot_id: "B0SAMVERKA" };
      case "chat.postMessage": {
        const ts = nextTs();
        return { ok: true, channel, ts, message: { type: "message", ts, text: body.text, blocks: body.blocks, bot_id: "B0SAMVERKA" } };
      }
      case "chat.update":
        return { ok: true, channel, ts: body.ts, text: body.text };
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
        return { ok: true, files: (body.files) ?? [] };
      default:
        return { ok: true };
    }
  }

  function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(json));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const raw = await readBody(req);
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
      const ts = body.replace_original === true && context.messageTs !== undefined ? context.messageTs : nextTs();
      recorded.push({ method: "response_url", body, at: Date.now(), responseContext: context, answer: { ok: true, ts } });
      return send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, "");
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
