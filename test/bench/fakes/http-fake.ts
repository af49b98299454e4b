import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createLimiter, type LimitSpec, type Limiter } from "./limits.ts";

/** One message a fake platform accepted (a post, an update, a reply): where, when, and, when kept, what. */
export interface Delivery {
  /** Slack channel or Teams conversation id. */
  conversation: string;
  /** `chat.postMessage`, `chat.update`, `response_url`, `send`, `update` … */
  op: string;
  at: number;
  /** The platform's id for the message (Slack ts, Teams activity id). */
  id: string;
  /** The decoded request body, kept only when the fake was asked to (`keepBodies`). */
  body?: Record<string, unknown>;
}

/** What both fakes share: deliveries, 429 counts, waiting. */
export interface FakeRecord {
  deliveries: Delivery[];
  /** Requests answered 429 by the limits, per conversation. */
  refused: Map<string, number>;
  /**
   * Resolves true when `predicate` holds, or false after `timeoutMs`, or once nothing has been delivered for
   * `stallMs` (a stuck bot is reported, not waited out).
   */
  waitUntil(predicate: () => boolean, timeoutMs: number, stallMs?: number): Promise<boolean>;
  clear(): void;
}

/** Per-conversation limits, or none. */
export interface LimitOptions {
  limit?: LimitSpec;
  keepBodies?: boolean;
}

/** The record as the fakes use it: admit a request under the limits, add a delivery. */
export interface FakeRecorder extends FakeRecord {
  readonly keep: boolean;
  admit(conversation: string, now: number): { ok: true } | { ok: false; retryAfterMs: number };
  add(delivery: Delivery): void;
}

export function createRecord(options: LimitOptions): FakeRecorder {
  const deliveries: Delivery[] = [];
  const refused = new Map<string, number>();
  const limiters = new Map<string, Limiter>();
  let waiters: (() => void)[] = [];
  return {
    deliveries,
    refused,
    keep: options.keepBodies === true,
    admit(conversation, now) {
      if (options.limit === undefined) return { ok: true };
      let limiter = limiters.get(conversation);
      if (limiter === undefined) limiters.set(conversation, (limiter = createLimiter(options.limit)));
      const taken = limiter.take(now);
      if (!taken.ok) refused.set(conversation, (refused.get(conversation) ?? 0) + 1);
      return taken;
    },
    async waitUntil(predicate, timeoutMs, stallMs = timeoutMs) {
      const started = Date.now();
      const deadline = started + timeoutMs;
      while (!predicate()) {
        const lastAt = Math.max(started, deliveries.at(-1)?.at ?? 0);
        if (Date.now() > deadline || Date.now() - lastAt > stallMs) return false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return true;
    },
    add(delivery) {
      deliveries.push(delivery);
      const current = waiters;
      waiters = [];
      for (const wake of current) wake();
    },
    clear() {
      deliveries.length = 0;
      refused.clear();
      limiters.clear();
    },
  };
}

/** Reads a request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Starts a loopback server; returns its base URL and a close that drops open connections. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => sendJson(res, 500, { ok: false, error: String(error) }));
  });
  // The bot under test opens many keep-alive connections at saturation.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
