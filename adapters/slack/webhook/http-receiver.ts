import type { App, Receiver } from "@slack/bolt";
import express, { type Request, type Response, type Router } from "express";
import type { Clock } from "../../../src/shared/clock.ts";
import { toSamverkaError } from "../../../src/shared/errors.ts";
import type { Logger } from "../../../src/shared/logger.ts";
import { verifySlackRequest } from "./verify.ts";

/** Options of the HTTP receiver. */
export interface HttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  clock: Clock;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Decodes a verified body: JSON (Events API), `payload=` (interactivity) or plain form fields (slash commands). Throws on anything else. */
export function decodeSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const form = contentType?.includes("application/json") ? undefined : new URLSearchParams(raw);
  const payload = form?.get("payload");
  const decoded: unknown = form === undefined ? JSON.parse(raw) : payload !== null && payload !== undefined ? JSON.parse(payload) : Object.fromEntries(form);
  // `null`, a number or an array is valid JSON, but no Slack payload.
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) throw new SyntaxError("the body is not a Slack payload object");
  return decoded as Record<string, unknown>;
}

/**
 * A Bolt receiver that only does transport: verify the signature (always), decode, and hand the body to Bolt with an
 * `ack` that writes the HTTP response (the dispatch records the delivery before it acks, and drops Slack's retries).
 * Mount `router` at `/slack/events` before any body parser: the signature covers the raw bytes.
 */
export function createHttpReceiver(options: HttpReceiverOptions): { receiver: Receiver; router: Router } {
  const { signingSecret, logger, clock } = options;
  let app: App | undefined;
  const router = express.Router();

  async function handle(req: Request, res: Response): Promise<void> {
    if (!Buffer.isBuffer(req.body)) {
      logger.error({}, "slack request body was parsed before the Slack router; mount it before any body parser");
      res.status(500).end();
      return;
    }
    const raw = req.body;
    const verdict = verifySlackRequest(
      signingSecret,
      { timestamp: header(req, "x-slack-request-timestamp"), signature: header(req, "x-slack-signature"), rawBody: raw },
      Math.floor(clock.now().getTime() / 1000),
    );
    if (!verdict.ok) {
      logger.warn({ reason: verdict.reason, ip: req.ip }, "slack request refused: signature not valid");
      res.status(401).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = decodeSlackBody(raw.toString("utf8"), header(req, "content-type"));
    } catch {
      res.status(400).end();
      return;
    }
    // Every Slack payload names its type (events, interactivity) or its command (slash commands).
    if (typeof body.type !== "string" && typeof body.command !== "string") {
      logger.warn({}, "signed slack request with a body that is no Slack payload; refused");
      res.status(400).end();
      return;
    }
    if (body.type === "url_verification") {
      res.json({ challenge: body.challenge });
      return;
    }
    if (body.ssl_check !== undefined) {
      res.status(200).end();
      return;
    }
    const retryNum = Number(header(req, "x-slack-retry-num") ?? "0");
    let acked = false;
    const ack = (response?: unknown): Promise<void> => {
      if (acked) return Promise.resolve();
      acked = true;
      if (response === undefined || response === "") res.status(200).end();
      else if (typeof response === "string") res.status(200).send(response);
      else res.status(200).json(response);
      return Promise.resolve();
    };
    try {
      if (app === undefined) throw new Error("the Slack receiver was not initialised by Bolt");
      const retryReason = header(req, "x-slack-retry-reason");
      await app.processEvent({ body, ack, retryNum, ...(retryReason === undefined ? {} : { retryReason }) });
    } catch (error) {
      const e = toSamverkaError(error);
      // Only "could not record it" is ours to retry (500); anything else is a body Bolt could not take (400).
      const status = e.code === "external_unavailable" ? 500 : 400;
      if (status === 500) logger.error({ err: e }, "slack request failed");
      else logger.warn({ code: e.code, reason: e.message }, "slack request refused: Bolt could not process its body");
      if (!acked) {
        acked = true;
        res.status(status).end();
      }
    }
    await ack();
  }

  router.post("/", express.raw({ type: () => true, limit: "1mb" }), (req, res) => {
    // The error boundary of every Slack request: nothing a request carries may take the process down.
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: toSamverkaError(error) }, "slack request failed outside its handler");
      if (!res.headersSent) res.status(500).end();
    });
  });

  return {
    router,
    receiver: {
      init: (bolt: App) => {
        app = bolt;
      },
      // The lead's server owns the port; the router is mounted there.
      start: () => Promise.resolve(),
      stop: () => Promise.resolve(),
    },
  };
}
