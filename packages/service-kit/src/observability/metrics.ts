import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const MAX_OPERATIONS = 100;
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A service's Prometheus metrics (prom-client), served by the operations listener: GraphQL requests
 * by operation and outcome, and whatever the service adds (subgraph fetches, consumer lag). Every
 * sample carries the service's name. Operation names come from clients, so only the first 100
 * distinct ones get their own label.
 */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation and outcome (ok, or the error code).',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request latency.',
    labelNames: ['operation', 'outcome'],
    buckets: SECONDS,
    registers: [registry],
  });
  const operations = new Set<string>();
  const label = (operation: string) => {
    if (operations.has(operation)) return operation;
    if (operations.size >= MAX_OPERATIONS) return 'other';
    operations.add(operation);
    return operation;
  };
  return {
    registry,
    observeRequest({ operation, outcome, seconds }: { operation: string; outcome: string; seconds: number }) {
      const labels = { operation: label(operation), outcome };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    /** A counter the service increments itself (e.g. sign-ins refused, by reason). */
    counter: (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers: [registry] }),
    histogram: (name: string, help: string, labelNames: string[]) =>
      new Histogram({ name, help, labelNames, buckets: SECONDS, registers: [registry] }),
    /** A gauge read when Prometheus scrapes, e.g. an event consumer's lag. */
    gauge: (
      name: string,
      help: string,
      labelNames: string[],
      collect: (set: (labels: Record<string, string>, value: number) => void) => Promise<void>,
    ) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          try {
            await collect((labels, value) => this.set(labels, value));
          } catch {
            // What it reads is out of reach (the event transport is down, say): the gauge has no
            // samples in this scrape, rather than stale ones, and the rest of /metrics is served.
            this.reset();
          }
        },
      }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

let processRegistry: Registry | undefined;

/** The process's own figures (CPU, memory, event loop, GC), collected once however many services run in it. */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * One exposition of several registries: families of the same name (every service has
 * `graphql_requests_total`) are joined, their samples told apart by the `service` label.
 */
export async function mergeRegistries(registries: Registry[]): Promise<Registry> {
  return AggregatorRegistry.aggregate(await Promise.all(registries.map((r) => r.getMetricsAsJSON())));
}
