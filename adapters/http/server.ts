import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";
import type { Logger } from "../../src/shared/logger.ts";

/** A named dependency /readyz checks. */
export interface ReadinessCheck {
  name: string;
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

/** Creates the express app with `GET /healthz` (alive) and `GET /readyz` (every check answers, else 503). */
export function createHttpServer(options: { checks: ReadinessCheck[]; logger: Logger }): HttpServer {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const results = await Promise.all(options.checks.map(async (c) => [c.name, await withTimeout(c)] as const));
    const ready = results.every(([, ok]) => ok);
    if (!ready) options.logger.warn({ results: Object.fromEntries(results) }, "not ready");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "unavailable", checks: Object.fromEntries(results) });
  });

  let server: Server | undefined;
  return {
    app,
    listen: (host, port) =>
      new Promise((resolve, reject) => {
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
