import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { Logger } from "../../src/shared/logger.ts";

/** A named dependency /readyz checks, and what to tell the operator when it fails. */
export interface ReadinessCheck {
  name: string;
  failure: string;
  check(): Promise<boolean>;
}

/** The one HTTP server: health, readiness, and whatever the chat adapters mount. */
export interface HttpServer {
  app: Express;
  listen(host: string, port: number): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 3000;

async function withTimeout(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates the express app with `GET /healthz` (alive) and `GET /readyz` (every check answers, else 503). `observe`
 * runs first on every request (the request metrics).
 */
export function createHttpServer(options: { checks: ReadinessCheck[]; logger: Logger; observe?: RequestHandler }): HttpServer {
  const app = express();
  app.disable("x-powered-by");
  if (options.observe !== undefined) app.use(options.observe);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const results = await Promise.all(options.checks.map(async (c) => [c.name, await withTimeout(c)] as const));
    const ready = results.every(([, ok]) => ok);
    const reasons = options.checks.filter((c) => results.some(([name, ok]) => name === c.name && !ok)).map((c) => c.failure);
    if (!ready) options.logger.warn({ reasons }, "not ready");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", checks: Object.fromEntries(results), ...(ready ? {} : { reasons }) });
  });

  let server: Server | undefined;
  return {
    app,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        // Last, after every route the adapters mounted: errors are answered as JSON, never with a stack trace or a path.
        app.use(errorBoundary(options.logger));
        const s = app.listen(port, host, (error?: Error) => {
          if (error) return reject(error);
          const address = s.address() as AddressInfo;
          const shownHost = host.includes(":") ? `[${host}]` : host;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
        server = s;
      }),
    close: () =>
      new Promise((resolve) => {
        if (server === undefined) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Express's last word on a request that failed: a 4xx for a malformed or oversized body, a bare 500 otherwise. */
function errorBoundary(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = (error as { status?: unknown; statusCode?: unknown } | undefined)?.status ?? (error as { statusCode?: unknown } | undefined)?.statusCode;
    const clientError = typeof status === "number" && status >= 400 && status < 500;
    if (clientError) logger.warn({ path: req.path, status }, "request refused: malformed or too large");
    else logger.error({ err: error, path: req.path }, "request failed");
    if (res.headersSent) return;
    res.status(clientError ? status : 500).json({ error: clientError ? "bad_request" : "internal_error" });
  };
}
