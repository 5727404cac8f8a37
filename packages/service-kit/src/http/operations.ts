import { listen, sendJson, type ReadinessReport, type RunningServer } from './handler.ts';
import { mergeRegistries, processMetrics, type Metrics } from '../observability/metrics.ts';

/** What an operator may read of a service: its readiness in detail, and its metrics. */
export interface Operable {
  name: string;
  readiness(): Promise<ReadinessReport>;
  metrics: Metrics;
}

/**
 * The operations listener: `/metrics` (Prometheus, every service of this process, each sample
 * labelled with its service, plus the process's own figures) and `/ready` in detail. It listens
 * apart from the public port, on loopback by default (METRICS_HOST, METRICS_PORT), so operation
 * names, consumer lag and failing checks are seen by operators and their Prometheus, not by clients.
 */
export async function listenOperations(services: readonly Operable[], host: string, port: number): Promise<RunningServer> {
  const own = processMetrics();
  return listen(
    async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'GET') return sendJson(res, 405, { error: 'Only GET is served here.' });
      if (path === '/health') return sendJson(res, 200, { status: 'ok', services: services.map((s) => s.name) });
      if (path === '/ready') {
        const reports = await Promise.all(services.map((s) => s.readiness()));
        const ready = reports.every((r) => r.ready);
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', services: reports });
      }
      if (path === '/metrics') {
        const registry = await mergeRegistries([own, ...services.map((s) => s.metrics.registry)]);
        const text = await registry.metrics();
        return void res.writeHead(200, { 'content-type': registry.contentType }).end(text);
      }
      sendJson(res, 404, { error: `Nothing is served at ${path}. Operators read /metrics and /ready here.` });
    },
    host,
    port,
  );
}
