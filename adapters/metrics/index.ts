export { startMetricsServer, type MetricsServer } from "./metrics-server.ts";
export { createPrometheusMetrics, type MetricsSources, type PrometheusMetrics } from "./prometheus.ts";
export { createSamverkaMetrics, metricsHandler } from "./samverka-metrics.ts";
