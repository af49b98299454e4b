import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses requests older than five minutes; so do we, to stop replays. */
const MAX_REQUEST_AGE_SECONDS = 5 * 60;

/** Why a request failed verification; logged, never shown to the sender. */
export type VerifyFailure = "missing_headers" | "stale_timestamp" | "bad_signature";

/** The outcome of checking one request's signature. */
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** The request parts Slack signs. */
export interface SignedRequest {
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer | string;
}

/** Computes Slack's `v0=` signature: HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: string, rawBody: Buffer | string): string {
  const hmac = createHmac("sha256", signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(rawBody);
  return `v0=${hmac.digest("hex")}`;
}

/** Checks the signature and the 5-minute window; `nowSeconds` is injected so tests can replay old vectors. */
export function verifySlackRequest(signingSecret: string, request: SignedRequest, nowSeconds: number): VerifyResult {
  const { timestamp, signature, rawBody } = request;
  if (timestamp === undefined || signature === undefined || !/^\d+$/.test(timestamp)) {
    return { ok: false, reason: "missing_headers" };
  }
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) return { ok: false, reason: "stale_timestamp" };
  const expected = Buffer.from(signSlackRequest(signingSecret, timestamp, rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual throws on different lengths; the length of a hex digest is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  return { ok: true };
}
