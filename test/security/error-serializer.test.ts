/**
 * An error logged with its request (SECURITY.md, "sensitive free text"): a failed Bot Connector or Web API call's
 * error object carries the request with its Authorization header, and a database error its client. The real logger
 * writes the error's type, message, stack and codes, never those objects or anything named like a secret.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../adapters/logging/pino-logger.ts";

function logOnce(write: (logger: ReturnType<typeof createLogger>) => void): string {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString("utf8");
      done();
    },
  });
  write(createLogger({ level: "trace", destination: sink }));
  return text;
}

/** An error shaped as axios throws it for a refused call: config and request hold the bearer token. */
function httpError(token: string): Error {
  return Object.assign(new Error("Request failed with status code 403"), {
    code: "ERR_BAD_REQUEST",
    status: 403,
    config: { url: "https://smba.trafficmanager.net/emea/v3/conversations", headers: { Authorization: `Bearer ${token}` } },
    request: { _header: `POST /v3/conversations HTTP/1.1\r\nAuthorization: Bearer ${token}\r\n` },
    response: { status: 403, headers: { "set-cookie": "session=abc" }, data: { error: { message: "forbidden" } } },
  });
}

describe("errors in the logs", () => {
  it("keep the type, message, stack and code of a failed call, and drop its request, response and token", () => {
    const text = logOnce((logger) => logger.error({ err: httpError("eyJ0b2tlbi1zZWNyZXQ") }, "teams send failed"));
    const line = JSON.parse(text) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: "Error", message: "Request failed with status code 403", code: "ERR_BAD_REQUEST", status: 403 });
    expect(String(line.err.stack)).toContain("error-serializer.test.ts");
    expect(text).not.toMatch(/eyJ0b2tlbi1zZWNyZXQ|Bearer|session=abc|"config"|"request"|"response"/);
  });

  it("drops the same from an error another error carries, and from a database error's client", () => {
    const wrapped = Object.assign(new Error("An HTTP protocol error occurred: statusCode = 500"), {
      code: "slack_webapi_request_error",
      original: httpError("xoxb-1234-secret"),
    });
    const database = Object.assign(new Error("terminating connection due to administrator command"), {
      code: "57P01",
      client: { user: "samverka", password: "pg-secret-pw" },
      password: "pg-secret-pw",
    });
    const text = logOnce((logger) => {
      logger.error({ err: wrapped }, "slack call failed");
      logger.error({ err: database }, "worker error");
    });
    expect(text).toContain("slack_webapi_request_error");
    expect(text).toContain("57P01");
    expect(text).toContain("Request failed with status code 403");
    expect(text).not.toMatch(/xoxb-1234-secret|pg-secret-pw|Bearer|"client"/);
  });
});
