import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackRequest } from "../../../adapters/slack/webhook/verify.ts";
import { readFixtureBytes, readFixtureText } from "../../helpers/fixtures.ts";

const vector = Object.fromEntries(
  readFixtureText("slack-signing-example.txt")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
) as Record<"signing_secret" | "X-Slack-Request-Timestamp" | "X-Slack-Signature" | "body", string>;
// The exact signed bytes, with no trailing newline.
const rawBody = readFixtureBytes("slack-slash-command-form.txt");
const timestamp = vector["X-Slack-Request-Timestamp"];
const at = Number(timestamp);

describe("Slack request signatures", () => {
  it("reproduces Slack's documented signature for the known request", () => {
    expect(rawBody.toString("utf8")).toBe(vector.body);
    expect(signSlackRequest(vector.signing_secret, timestamp, rawBody)).toBe(vector["X-Slack-Signature"]);
  });

  it("accepts the documented request at its own time and up to 5 minutes later", () => {
    const request = { timestamp, signature: vector["X-Slack-Signature"], rawBody };
    expect(verifySlackRequest(vector.signing_secret, request, at)).toEqual({ ok: true });
    expect(verifySlackRequest(vector.signing_secret, request, at + 300)).toEqual({ ok: true });
  });

  it("refuses the documented request once it is more than 5 minutes old, or from the future", () => {
    const request = { timestamp, signature: vector["X-Slack-Signature"], rawBody };
    expect(verifySlackRequest(vector.signing_secret, request, at + 301)).toEqual({ ok: false, reason: "stale_timestamp" });
    expect(verifySlackRequest(vector.signing_secret, request, at - 301)).toEqual({ ok: false, reason: "stale_timestamp" });
  });

  it("refuses a body changed by one byte, another secret, and a truncated signature", () => {
    const signature = vector["X-Slack-Signature"];
    const tampered = Buffer.from(rawBody.toString("utf8").replace("text=", "text=x"));
    expect(verifySlackRequest(vector.signing_secret, { timestamp, signature, rawBody: tampered }, at)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest("another-secret", { timestamp, signature, rawBody }, at)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verifySlackRequest(vector.signing_secret, { timestamp, signature: signature.slice(0, -2), rawBody }, at)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses requests without the signing headers", () => {
    expect(verifySlackRequest("s", { timestamp: undefined, signature: "v0=1", rawBody }, at)).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySlackRequest("s", { timestamp, signature: undefined, rawBody }, at)).toEqual({ ok: false, reason: "missing_headers" });
    expect(verifySlackRequest("s", { timestamp: "soon", signature: "v0=1", rawBody }, at)).toEqual({ ok: false, reason: "missing_headers" });
  });
});
