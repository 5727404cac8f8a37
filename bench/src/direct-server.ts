import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { INTERNAL_TOKEN_HEADER, signInternalToken, type Viewer } from '@supergraph/service-kit';
import { Agent, request } from 'undici';

/**
 * The benchmark's floor: for each read request of a workload (its path names it), the subgraph
 * requests our gateway's query plan made for it (captured once), replayed straight to the subgraphs, level by level, with no parsing, planning or
 * merging. Any gateway pays at least this much; the difference is what the gateway adds.
 */
export interface CapturedFetch {
  level: number;
  subgraph: string;
  url: string;
  body: string;
  viewer: Viewer | null;
}

const plans = JSON.parse(readFileSync(process.env.BENCH_PLANS_FILE!, 'utf8')) as Record<string, CapturedFetch[]>;
const secret = process.env.INTERNAL_TOKEN_SECRET!;
const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });

// Internal tokens live 60 s: sign each captured caller's once, and again every 30 s.
const tokens = new Map<string, string>();
async function refreshTokens() {
  for (const fetches of Object.values(plans)) {
    for (const f of fetches) tokens.set(JSON.stringify(f.viewer), await signInternalToken(f.viewer, secret));
  }
}
await refreshTokens();
setInterval(() => void refreshTokens(), 30_000).unref();

const levelsOf = (fetches: CapturedFetch[]) => {
  const levels = new Map<number, CapturedFetch[]>();
  for (const f of fetches) levels.set(f.level, [...(levels.get(f.level) ?? []), f]);
  return [...levels.entries()].sort((a, b) => a[0] - b[0]).map(([, group]) => group);
};
const planned = Object.fromEntries(Object.entries(plans).map(([name, fetches]) => [name, levelsOf(fetches)]));

const server = createServer(async (req, res) => {
  const plan = planned[(req.url ?? '/').slice(1)];
  for await (const _ of req) {
    // the client's body is not needed: the path names the captured request
  }
  if (!plan) return void res.writeHead(404).end();
  try {
    let bytes = 0;
    for (const level of plan) {
      const bodies = await Promise.all(
        level.map(async (f) => {
          const response = await request(f.url, {
            method: 'POST',
            dispatcher: agent,
            headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: tokens.get(JSON.stringify(f.viewer))! },
            body: f.body,
          });
          const text = await response.body.text();
          // A failed replay must count as an error, as it would through a gateway.
          if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`${f.url} answered ${response.statusCode}`);
          return text;
        }),
      );
      bytes += bodies.reduce((n, b) => n + b.length, 0);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":{"bytes":${bytes}}}`);
  } catch {
    res.writeHead(502).end('{"errors":[{"message":"subgraph failed"}]}');
  }
});
server.listen(Number(process.env.BENCH_DIRECT_PORT), '127.0.0.1', () => console.log(JSON.stringify({ ready: true })));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
