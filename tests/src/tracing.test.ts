import { startTracing } from '@supergraph/service-kit';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

// Tracing is per process; vitest runs each test file in its own.
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'supergraph-test', exporter });
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 2 } });
});
afterAll(async () => {
  await platform?.stop();
  await tracing.shutdown();
});

test('one trace from the gateway through each subgraph down to the SQL', async () => {
  const token = await platform.login('ada@napoli.example');
  exporter.reset();
  const result = await platform.gql(
    'query TracedProfile { me { email orders { edges { node { id } } } metrics { totalOrders } } }',
    {},
    token,
  );
  expect(result.errors).toBeUndefined();

  const spans = exporter.getFinishedSpans();
  const gatewayRequest = spans.find((s) => s.name === 'gateway request');
  expect(gatewayRequest).toBeDefined();
  const traceId = gatewayRequest!.spanContext().traceId;
  const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
  const services = new Set(inTrace.map((s) => s.attributes['supergraph.service']).filter(Boolean));
  // The gateway's own spans (planning, fetches), each subgraph's request span, and their SQL.
  expect(inTrace.some((s) => s.name.startsWith('gateway.'))).toBe(true);
  for (const subgraph of ['customers', 'orders', 'analytics']) {
    expect(
      inTrace.some((s) => s.name === `${subgraph} request`),
      subgraph,
    ).toBe(true);
  }
  expect(inTrace.some((s) => s.name === 'sql' && s.attributes['supergraph.service'] === 'orders')).toBe(true);
  expect(services).toEqual(new Set(['gateway', 'customers', 'orders', 'analytics']));
});
