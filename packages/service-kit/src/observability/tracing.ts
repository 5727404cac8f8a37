import { context, propagation, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { IncomingHttpHeaders } from 'node:http';

const tracer = trace.getTracer('supergraph');
let enabled = false;

/** Registers a tracer provider for this process (once). Tests pass their own exporter. */
export function startTracing(options: { serviceName: string; exporter?: SpanExporter }): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [options.exporter ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return { shutdown: () => provider.shutdown() };
}

/** Runs a request inside a server span that continues the caller's trace (W3C traceparent), if tracing is on. */
export function withServerSpan<T>(service: string, headers: IncomingHttpHeaders, run: () => Promise<T>): Promise<T> {
  if (!enabled) return run();
  const parent = propagation.extract(context.active(), headers);
  return tracer.startActiveSpan(
    `${service} request`,
    { kind: SpanKind.SERVER, attributes: { 'supergraph.service': service } },
    parent,
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Adds the current trace context to outgoing headers (the gateway's subgraph fetches). */
export function injectTraceContext(set: (key: string, value: string) => void): void {
  if (enabled) propagation.inject(context.active(), {}, { set: (_carrier, key, value) => set(key, value) });
}

/** Records an SQL statement as a span of the current trace (drizzle reports statements, not their durations). */
export function recordStatement(service: string, statement: string): void {
  if (!enabled) return;
  tracer
    .startSpan('sql', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.statement': statement.slice(0, 1000), 'supergraph.service': service },
    })
    .end();
}
