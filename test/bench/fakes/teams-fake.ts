/**
 * A lean loopback Bot Connector for the bench: activities posted to the bot carry `serviceUrl` = this fake, so
 * everything the bot sends lands here. Records each accepted message (bodies only when asked) and, given a limit,
 * refuses messages to a conversation beyond it with 429 and Retry-After.
 */
import { createRecord, listen, readBody, sendJson, type FakeRecord, type LimitOptions } from "./http-fake.ts";

export interface TeamsFake extends FakeRecord {
  url: string;
  /** 1:1 conversations the bot opened, by the member it opened them with. */
  opened: Map<string, string>;
  close(): Promise<void>;
}

export async function startTeamsFake(options: LimitOptions = {}): Promise<TeamsFake> {
  const record = createRecord(options);
  const opened = new Map<string, string>();
  let sequence = 0;

  const server = await listen(async (req, res) => {
    const raw = await readBody(req);
    const text = raw.toString("utf8");
    const body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
    // The SDK does not escape conversation ids in the path (19:…@thread.tacv2;messageid=…).
    const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
    if (req.method === "POST" && path === "/v3/conversations") {
      const member = ((body.members ?? []) as { id?: string }[])[0]?.id ?? "unknown";
      const id = `a:bench-${member}`;
      opened.set(member, id);
      return sendJson(res, 201, { id, activityId: "" });
    }
    const match = /^\/v3\/conversations\/(.+?)\/activities(?:\/([^/]+))?$/.exec(path);
    if (match === null) return sendJson(res, 404, { error: { code: "NotFound", message: `no fake for ${req.method} ${path}` } });
    const conversation = match[1]!.split(";")[0]!;
    const admitted = record.admit(conversation, Date.now());
    if (!admitted.ok) {
      return sendJson(res, 429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": String(Math.max(1, Math.ceil(admitted.retryAfterMs / 1000))) });
    }
    const existing = match[2];
    const update = req.method === "PUT" && existing !== undefined;
    const id = update ? existing : `1:bench-activity-${++sequence}`;
    record.add({ conversation, op: update ? "update" : existing === undefined ? "send" : "reply", at: Date.now(), id, ...(record.keep ? { body } : {}) });
    return sendJson(res, update ? 200 : 201, { id });
  });

  return { ...record, url: server.url, opened, close: () => server.close() };
}
