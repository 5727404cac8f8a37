import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createGateway, readGatewayConfig, SUPERGRAPH_SDL } from '@supergraph/gateway';
import { createLogger, INTERNAL_TOKEN_HEADER, type Viewer } from '@supergraph/service-kit';
import { request } from 'undici';
import type { CapturedFetch } from './direct-server.ts';
import { SUBGRAPH_NAMES } from '@supergraph/platform';

interface Recorded extends Omit<CapturedFetch, 'level'> {
  start: number;
  end: number;
}

const viewerOf = (token: string | undefined): Viewer | null => {
  const claims = JSON.parse(Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString() || '{}') as Record<
    string,
    string | boolean
  >;
  if (claims.anon !== false) return null;
  return {
    accountId: String(claims.sub),
    role: claims.role as Viewer['role'],
    storeId: String(claims.store),
    scopes: String(claims.scope ?? '')
      .split(' ')
      .filter(Boolean),
  };
};

/**
 * Runs each read request once through our gateway with a recording hop in front of every subgraph,
 * and returns the fetches its query plan made (by request key), grouped into levels (a fetch that started before the
 * previous ones ended ran beside them).
 */
export async function capturePlans(options: {
  subgraphUrls: Record<string, string>;
  jwksUrl: string;
  internalSecret: string;
  requests: { key: string; body: string; token?: string }[];
}): Promise<Record<string, CapturedFetch[]>> {
  const recorded: Recorded[] = [];
  const proxies = await Promise.all(
    Object.entries(options.subgraphUrls).map(async ([subgraph, url]) => {
      const server = createHttpServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks).toString();
        const start = performance.now();
        const upstream = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: String(req.headers[INTERNAL_TOKEN_HEADER]) },
          body,
        });
        const text = await upstream.body.text();
        recorded.push({ subgraph, url, body, viewer: viewerOf(String(req.headers[INTERNAL_TOKEN_HEADER])), start, end: performance.now() });
        res.writeHead(upstream.statusCode, { 'content-type': 'application/json' }).end(text);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return { subgraph, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
    }),
  );
  const config = readGatewayConfig(
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      INTERNAL_TOKEN_SECRET: options.internalSecret,
      AUTH_JWKS_URL: options.jwksUrl,
      ...Object.fromEntries(proxies.map((p) => [`${p.subgraph.toUpperCase()}_URL`, p.url])),
    },
    SUBGRAPH_NAMES,
  );
  const gateway = await createGateway({
    config,
    supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
    logger: createLogger('capture', 'silent'),
    internalSecret: options.internalSecret,
  });
  const running = await gateway.listen('127.0.0.1', 0);
  const plans: Record<string, CapturedFetch[]> = {};
  try {
    for (const read of options.requests) {
      recorded.length = 0;
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(read.token ? { authorization: `Bearer ${read.token}` } : {}) },
        body: read.body,
      });
      const result = (await response.json()) as { errors?: unknown };
      if (result.errors) throw new Error(`${read.key} failed while capturing its plan: ${JSON.stringify(result.errors)}`);
      let level = 0;
      let levelEnd = -Infinity;
      plans[read.key] = [...recorded]
        .sort((a, b) => a.start - b.start)
        .map((f, i) => {
          if (i > 0 && f.start >= levelEnd) level += 1;
          levelEnd = i === 0 || f.start >= levelEnd ? f.end : Math.max(levelEnd, f.end);
          return { level, subgraph: f.subgraph, url: f.url, body: f.body, viewer: f.viewer };
        });
    }
  } finally {
    await gateway.stop();
    for (const p of proxies) p.server.close();
  }
  return plans;
}
