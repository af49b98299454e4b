import express, { type RequestHandler } from "express";
import type { Logger } from "../../../src/shared/logger.ts";
import { isLoopbackHost, isLoopbackUrl } from "../auth.ts";
import { parseActivity } from "../parse/activity.ts";

/** Largest activity accepted: Teams messages are at most ~28 KB of text and card submissions are small. */
export const TEAMS_BODY_LIMIT = "256kb";

// A reverse proxy on this machine connects from loopback; these say the request came from further away.
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip", "via"];

const refuse = (res: express.Response, status: number, error: string) => void res.status(status).json({ error });

/** The one body parser for /api/messages, with its size limit (the SDK's own parser then finds the body read). */
export const parseActivityBody: RequestHandler = express.json({ limit: TEAMS_BODY_LIMIT });

/** Anything that is not an activity is refused with 400 before the SDK (which would answer 500) sees it. */
export function requireActivityShape(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (parseActivity(req.body).success) return next();
    logger.warn({ path: req.path }, "teams request is not an activity; refused");
    refuse(res, 400, "bad_request");
  };
}

/** Unauthenticated (local) Teams: only requests from this machine that no proxy forwarded, checked before the body is read. */
export function requireLocalOrigin(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const remote = req.socket.remoteAddress ?? "";
    const forwarded = FORWARDING_HEADERS.filter((h) => req.headers[h] !== undefined);
    if (isLoopbackHost(remote) && forwarded.length === 0) return next();
    logger.warn({ remote, forwarded }, "unauthenticated teams request from beyond this machine refused");
    refuse(res, 403, "forbidden");
  };
}

/**
 * Unauthenticated (local) Teams: the activity must name a Bot Connector on loopback. (That a known conversation keeps
 * the connector it was first seen with is checked where the conversation is looked up, in the dispatch.)
 */
export function requireLoopbackConnector(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const activity = parseActivity(req.body);
    if (!activity.success || isLoopbackUrl(activity.data.serviceUrl)) return next();
    logger.warn({ serviceUrl: activity.data.serviceUrl }, "unauthenticated teams activity names a Bot Connector beyond this machine; refused");
    refuse(res, 403, "forbidden");
  };
}
