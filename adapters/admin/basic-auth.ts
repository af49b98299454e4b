import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";

const digest = (value: string): Buffer => createHash("sha256").update(value).digest();

/**
 * HTTP basic authentication against one user and password from the environment. Both sides are hashed before the
 * constant-time comparison, so neither the length nor a prefix of the password leaks through timing.
 */
export function requireBasicAuth(credentials: { user: string; password: string }, realm: string): RequestHandler {
  const expected = digest(`${credentials.user}:${credentials.password}`);
  return (req, res, next) => {
    const header = req.headers.authorization ?? "";
    const given = header.startsWith("Basic ") ? Buffer.from(header.slice(6), "base64").toString("utf8") : "";
    if (given !== "" && timingSafeEqual(digest(given), expected)) return next();
    res.setHeader("WWW-Authenticate", `Basic realm="${realm}", charset="UTF-8"`);
    res.status(401).json({ error: "unauthorized" });
  };
}
