import type { RequestHandler } from "express";
import type { Db } from "../../src/db/database.ts";
import { createRowObserver, measureBacklog } from "../../src/metrics/index.ts";
import type { Clock } from "../../src/shared/clock.ts";
import type { Logger } from "../../src/shared/logger.ts";
import { createPrometheusMetrics, type MetricsSources, type PrometheusMetrics } from "./prometheus.ts";

/** Samverka's metrics over its rows and queues: what the composition root creates once per running app. */
export function createSamverkaMetrics(deps: { db: Db; clock: Clock; queues: MetricsSources["queues"] }): PrometheusMetrics {
  let observeRows: MetricsSources["observeRows"] = () => Promise.resolve();
  const prometheus = createPrometheusMetrics({
    backlog: () => measureBacklog(deps.db, deps.clock.now()),
    queues: deps.queues,
    observeRows: () => observeRows(),
  });
  const observer = createRowObserver({ db: deps.db, clock: deps.clock, metrics: prometheus.metrics });
  observeRows = () => observer.observe();
  return prometheus;
}

/** `GET /metrics` on an express app. */
export function metricsHandler(prometheus: PrometheusMetrics, logger: Logger): RequestHandler {
  return (_req, res) => {
    prometheus.scrape().then(
      ({ contentType, body }) => res.type(contentType).send(body),
      (error: unknown) => {
        logger.error({ err: error }, "the metrics could not be rendered");
        res.status(500).json({ error: "internal_error" });
      },
    );
  };
}
