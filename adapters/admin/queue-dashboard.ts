import type { Express, Router } from "express";
import type { JobQueue } from "../../jobs/queue-backend.ts";
import { requireBasicAuth } from "./basic-auth.ts";

/** Where the queue dashboard is served. */
export const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * Mounts Bull Board over every queue, on either backend (its BullMQ adapter speaks BullMQ's backend interface, and
 * shows PostgreSQL's figures where Redis would show its INFO), behind HTTP basic credentials. Read-only: the rows are
 * the truth and the sweep rebuilds the queues from them, so a job retried, promoted or removed by hand would fight it.
 */
export async function mountQueueDashboard(
  app: Express,
  options: { credentials: { user: string; password: string }; queues: readonly JobQueue[] },
): Promise<void> {
  // Loaded only where the dashboard is configured: Bull Board is a few MB a process without it need not hold.
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
    import("@bull-board/api"),
    import("@bull-board/api/bullMQAdapter"),
    import("@bull-board/express"),
  ]);
  const server = new ExpressAdapter();
  server.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    // JobQueue is BullMQ's Queue over the backend interface; the adapter's typing names the Redis-only default.
    queues: options.queues.map((queue) => new BullMQAdapter(queue as unknown as ConstructorParameters<typeof BullMQAdapter>[0], { readOnlyMode: true })),
    // @bull-board/express 9.10.1 carries its own copy of the api's types; the runtime contract is the same.
    serverAdapter: server as unknown as Parameters<typeof createBullBoard>[0]["serverAdapter"],
    options: { uiConfig: { boardTitle: "Samverka queues" } },
  });
  app.use(QUEUE_DASHBOARD_PATH, requireBasicAuth(options.credentials, "Samverka queues"), server.getRouter() as Router);
}
