import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let base: string;
beforeAll(async () => {
  platform = await startTestPlatform({ demoSize: { customersPerStore: 1, averageOrdersPerCustomer: 1 } });
  base = platform.gatewayUrl.replace(/\/graphql$/, '');
});
afterAll(() => platform?.stop());

describe('the gateway over HTTP', () => {
  test('health and readiness answer with readable JSON on the gateway and every subgraph', async () => {
    for (const url of [base, ...Object.values(platform.subgraphs).map((s) => s.url.replace(/\/graphql$/, ''))]) {
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${url}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    }
  });

  test('readiness in detail is on the operations listener: every service, every check, consumer lag', async () => {
    const ready = await fetch(`${platform.operationsUrl}/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as {
      status: string;
      services: { service: string; ready: boolean; checks: { name: string; ok: boolean }[] }[];
    };
    expect(body.status).toBe('ready');
    expect(body.services.map((s) => s.service).sort()).toEqual(['analytics', 'customers', 'gateway', 'orders', 'payments']);
    for (const service of body.services) {
      expect(service.ready).toBe(true);
      expect(service.checks.length).toBeGreaterThan(0);
    }
    const analytics = body.services.find((s) => s.service === 'analytics')!;
    expect(analytics.checks).toContainEqual(expect.objectContaining({ name: 'events:analytics', ok: true, lag: expect.any(Number) }));
  });

  test('Apollo Sandbox works in development: landing page, CORS preflight, introspection', async () => {
    const page = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');

    const preflight = await fetch(platform.gatewayUrl, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://studio.apollographql.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    // A frontend's dev server (Vite, Next) on this machine, on any port, in development.
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000']) {
      const local = await fetch(platform.gatewayUrl, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(local.headers.get('access-control-allow-origin'), origin).toBe(origin);
      const answer = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ stores { slug } }' }),
      });
      expect(answer.headers.get('access-control-allow-origin'), origin).toBe(origin);
    }

    const other = await fetch(platform.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const introspection: any = await platform.gql('{ __schema { queryType { name } } __type(name: "Customer") { fields { name } } }');
    expect(introspection.data.__schema.queryType.name).toBe('Query');
    expect(introspection.data.__type.fields.map((f: any) => f.name)).toEqual(
      expect.arrayContaining(['email', 'orders', 'payments', 'metrics']),
    );
  });

  test('malformed requests get a clear 4xx, never a stack trace', async () => {
    const badJson = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(badJson.status).toBe(400);
    const tooBig = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } }${' '.repeat(1_100_000)}` }),
    });
    expect(tooBig.status).toBe(413);
    const parse: any = await platform.gql('{ me { ');
    expect(parse.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknown: any = await platform.gql('{ me { password } }');
    expect(unknown.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const batch = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(batch.status).toBe(400);
    for (const body of [JSON.stringify(parse), JSON.stringify(unknown)]) expect(body).not.toContain('stacktrace');
  });

  test('a GET query without a preflight-forcing header is refused (CSRF prevention)', async () => {
    const simple = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ stores { slug } }')}`);
    expect(simple.status).toBe(400);
    const withHeader = await fetch(`${platform.gatewayUrl}?query=${encodeURIComponent('{ stores { slug } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(withHeader.status).toBe(200);
  });
});
