import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one node. `veneer_jobs_total` also proves in tests that work ran here. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    jobs: new Counter({
      name: 'veneer_jobs_total',
      help: 'Jobs finished by this node, by type and outcome',
      labelNames: ['type', 'status'] as const,
      registers: [registry],
    }),
    jobSeconds: new Histogram({
      name: 'veneer_job_duration_seconds',
      help: 'Time from a job starting on this node to its result being accepted by the edge',
      labelNames: ['type'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cache: new Counter({
      name: 'veneer_result_cache_total',
      help: 'Result cache lookups by outcome (hit: the image was not inferred again)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'veneer_queue_depth',
      help: 'Jobs waiting in the queue, by type',
      labelNames: ['type'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
