import type { RequestHandler } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Metrics } from "../../src/shared/metrics.ts";

/** What /metrics reads at scrape time, besides what was counted as it happened. */
export interface MetricsSources {
  /** Rows waiting to be worked on, per table (outbox, reminders, inbox). */
  backlog(): Promise<readonly { table: string; due: number; oldestDueSeconds: number }[]>;
  /** Jobs per state and the oldest waiting job's age, per queue. */
  queues(): Promise<readonly { queue: string; jobs: Record<string, number>; oldestWaitingSeconds: number }[]>;
  /** Observes what the rows say happened since the last scrape (cold-night answers, conversational forms). */
  observeRows(): Promise<void>;
}

/** The Metrics port over prom-client, with the HTTP request counter and the scrape. */
export interface PrometheusMetrics {
  metrics: Metrics;
  /** Express middleware counting every request by method, route and status; `routes` are the known path prefixes. */
  countRequests(routes: readonly string[]): RequestHandler;
  /** One scrape: reads the sources, then renders every family in the Prometheus text format. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const SOURCE_TIMEOUT_MS = 2_000;
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENESS = [0.1, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 900];
const ACKNOWLEDGEMENT = [60, 120, 300, 600, 900, 1800, 2700, 3600, 7200, 14_400];

function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), SOURCE_TIMEOUT_MS)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Creates the registry (one per running app, so tests can run several) with the default process metrics and
 * Samverka's own families. Counters count in this process; gauges read from the rows and queues are the same in
 * every process of a deployment (aggregate them with max, not sum).
 */
export function createPrometheusMetrics(sources: MetricsSources): PrometheusMetrics {
  const registers = [new Registry()];
  const registry = registers[0]!;
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: "samverka_http_requests_total",
    help: "HTTP requests answered, by method, route and status.",
    labelNames: ["method", "route", "status"],
    registers,
  });
  const duration = new Histogram({
    name: "samverka_http_request_duration_seconds",
    help: "Time to answer an HTTP request.",
    labelNames: ["method", "route"],
    buckets: SECONDS,
    registers,
  });
  const inbound = new Counter({
    name: "samverka_inbound_events_total",
    help: "Inbound events the core handled, by platform and kind (command, message, action, form, installed).",
    labelNames: ["platform", "kind"],
    registers,
  });
  const forms = new Counter({
    name: "samverka_form_completions_total",
    help: "Forms submitted and accepted: card or modal forms by id, conversational forms by owner.",
    labelNames: ["form", "via"],
    registers,
  });
  const jobs = {
    processed: new Counter({ name: "samverka_jobs_processed_total", help: "Jobs that finished, by queue.", labelNames: ["queue"], registers }),
    failed: new Counter({ name: "samverka_jobs_failed_total", help: "Jobs that failed for good, by queue.", labelNames: ["queue"], registers }),
    retried: new Counter({
      name: "samverka_jobs_retried_total",
      help: "Job attempts that failed and will be retried by the queue, by queue.",
      labelNames: ["queue"],
      registers,
    }),
  };
  const outbox = {
    sent: new Counter({ name: "samverka_outbox_sent_total", help: "Outbox rows delivered, by platform.", labelNames: ["platform"], registers }),
    failed: new Counter({
      name: "samverka_outbox_failed_total",
      help: "Outbox rows that failed for good (samordning is told), by platform.",
      labelNames: ["platform"],
      registers,
    }),
    retried: new Counter({
      name: "samverka_outbox_retried_total",
      help: "Outbox delivery attempts that failed and will be retried from the row, by platform.",
      labelNames: ["platform"],
      registers,
    }),
  };
  const lateness = new Histogram({
    name: "samverka_reminder_lateness_seconds",
    help: "How long after its due time a reminder first ran, by kind.",
    labelNames: ["kind"],
    buckets: LATENESS,
    registers,
  });
  const acknowledgement = new Histogram({
    name: "samverka_cold_night_acknowledgement_seconds",
    help: "Time from declaring a cold night to each shelter's answer.",
    buckets: ACKNOWLEDGEMENT,
    registers,
  });
  const queueJobs = new Gauge({ name: "samverka_queue_jobs", help: "Jobs in each queue, by state.", labelNames: ["queue", "state"], registers });
  const queueOldest = new Gauge({
    name: "samverka_queue_oldest_waiting_seconds",
    help: "How long the oldest job ready to run has waited, per queue.",
    labelNames: ["queue"],
    registers,
  });
  const backlogRows = new Gauge({
    name: "samverka_backlog_rows",
    help: "Rows due and not yet worked on: outbox and reminders due, inbox deliveries pending.",
    labelNames: ["table"],
    registers,
  });
  const backlogOldest = new Gauge({
    name: "samverka_backlog_oldest_seconds",
    help: "How long the oldest row due has waited, per table.",
    labelNames: ["table"],
    registers,
  });
  const sourceUp = new Gauge({
    name: "samverka_metrics_source_up",
    help: "Whether a source of the figures above answered this scrape (1) or not (0: its figures are missing).",
    labelNames: ["source"],
    registers,
  });

  const metrics: Metrics = {
    inboundEvent: (platform, kind) => inbound.inc({ platform, kind }),
    formCompleted: (form, via) => forms.inc({ form, via }),
    outboxDelivery: (platform, outcome) => outbox[outcome].inc({ platform }),
    reminderLateness: (kind, seconds) => lateness.observe({ kind }, seconds),
    jobSettled: (queue, outcome) => jobs[outcome].inc({ queue }),
    coldNightAcknowledged: (seconds) => acknowledgement.observe(seconds),
  };

  async function readSources(): Promise<void> {
    const [backlog, queues, rows] = await Promise.allSettled([bounded(sources.backlog()), bounded(sources.queues()), bounded(sources.observeRows())]);
    // Reset first, so a figure that could not be read is missing rather than stale.
    for (const gauge of [queueJobs, queueOldest, backlogRows, backlogOldest]) gauge.reset();
    sourceUp.set({ source: "backlog" }, backlog.status === "fulfilled" ? 1 : 0);
    sourceUp.set({ source: "queues" }, queues.status === "fulfilled" ? 1 : 0);
    sourceUp.set({ source: "rows" }, rows.status === "fulfilled" ? 1 : 0);
    if (backlog.status === "fulfilled") {
      for (const b of backlog.value) {
        backlogRows.set({ table: b.table }, b.due);
        backlogOldest.set({ table: b.table }, b.oldestDueSeconds);
      }
    }
    if (queues.status === "fulfilled") {
      for (const q of queues.value) {
        for (const [state, n] of Object.entries(q.jobs)) queueJobs.set({ queue: q.queue, state }, n);
        queueOldest.set({ queue: q.queue }, q.oldestWaitingSeconds);
      }
    }
  }

  return {
    metrics,
    countRequests(routes) {
      return (req, res, next) => {
        const path = req.path;
        const route = routes.find((r) => path === r || path.startsWith(`${r}/`)) ?? "unmatched";
        const stop = duration.startTimer({ method: req.method, route });
        res.once("finish", () => {
          stop();
          requests.inc({ method: req.method, route, status: String(res.statusCode) });
        });
        next();
      };
    },
    async scrape() {
      await readSources();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
