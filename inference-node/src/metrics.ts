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
    batchSize: new Histogram({
      name: 'veneer_batch_size',
      help: 'Items per model run under dynamic batching, by model',
      labelNames: ['model'] as const,
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'veneer_errors_total',
      help: 'Job attempts that threw (retried, or failed after the last attempt), by type',
      labelNames: ['type'] as const,
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
