/**
 * A loopback fake of the Bot Connector (the Teams service the bot writes to), on 127.0.0.1:<random port>.
 * Activities posted to the bot carry `serviceUrl` = `connector.url`, so the real Teams SDK writes here.
 * Serves: POST /v3/conversations (open a 1:1 chat), POST /v3/conversations/:id/activities (send),
 * POST …/activities/:activityId (reply), PUT …/activities/:activityId (update), DELETE …/activities/:activityId
 * (delete). Records every call;
 * `failNext(status)` makes the next calls answer with an error (429 carries Retry-After: 0); `only` narrows it to
 * one kind of call (`{ op: "update", activityId }`), so a test can refuse one answer while other sends race it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One call the bot made on the connector. */
export interface ConnectorCall {
  op: "send" | "reply" | "update" | "delete" | "create-conversation";
  conversationId: string;
  /** The activity id created or updated. */
  activityId: string;
  body: Record<string, unknown>;
  /** The Authorization header, when the bot sent one. */
  authorization: string | undefined;
}

/** Which calls a programmed failure applies to. */
export interface CallFilter {
  op?: "send" | "update";
  activityId?: string;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** The next `times` calls (of the kind `only` names, when given) answer `status` (default 429) without being recorded. */
  failNext(status?: number, times?: number, only?: CallFilter): void;
  /** Requests answered with an injected failure so far. */
  failures(): number;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Whether a request is of the kind a failure was programmed for: a send (POST …/activities) or an update (PUT) of that activity. */
function matches(req: IncomingMessage, only: CallFilter): boolean {
  const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
  const op = req.method === "PUT" ? "update" : req.method === "POST" && path.endsWith("/activities") ? "send" : undefined;
  return (only.op === undefined || only.op === op) && (only.activityId === undefined || path.endsWith(`/activities/${only.activityId}`));
}

/** Starts the fake connector, on `port` when given (a restarted bot keeps talking to the same Bot Connector). */
export async function startFakeConnector(options: { port?: number } = {}): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  let failing: { status: number; times: number; only: CallFilter } | undefined;
  let failed = 0;
  let sequence = 0;
  const nextId = () => `1:fake-activity-${++sequence}`;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(body));
      };
      try {
        const body = await readJson(req);
        if (failing !== undefined && failing.times > 0 && matches(req, failing.only)) {
          failing.times -= 1;
          failed += 1;
          send(failing.status, { error: { code: "Throttled", message: "fake failure" } }, failing.status === 429 ? { "retry-after": "0" } : {});
          return;
        }
        // The SDK does not escape conversation ids in the path (19:…@thread.tacv2;messageid=…), so match on the raw path.
        const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
        const authorization = req.headers.authorization;
        if (req.method === "POST" && path === "/v3/conversations") {
          const id = `a:fake-personal-${++sequence}`;
          calls.push({ op: "create-conversation", conversationId: id, activityId: "", body, authorization });
          send(201, { id, activityId: "" });
          return;
        }
        const match = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
        if (match === null) {
          send(404, { error: { code: "NotFound", message: `no fake for ${req.method} ${path}` } });
          return;
        }
        const conversationId = match[1]!;
        const existing = match[2];
        if (req.method === "DELETE" && existing !== undefined) {
          calls.push({ op: "delete", conversationId, activityId: existing, body, authorization });
          send(200, {});
          return;
        }
        if (req.method === "PUT" && existing !== undefined) {
          calls.push({ op: "update", conversationId, activityId: existing, body, authorization });
          send(200, { id: existing });
          return;
        }
        const activityId = nextId();
        calls.push({ op: existing === undefined ? "send" : "reply", conversationId, activityId, body, authorization });
        send(201, { id: activityId });
      } catch (error) {
        send(500, { error: { code: "FakeError", message: String(error) } });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (status = 429, times = 1, only = {}) => {
      failing = { status, times, only };
    },
    failures: () => failed,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
