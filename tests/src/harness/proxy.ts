import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyMode = 'pass' | 'hang' | 'slow' | 'dropOnce' | 'hold';

/** A subgraph's answer as the proxy received it, and what it sends on instead. */
export interface ProxiedAnswer {
  status: number;
  body: string;
}
export type Rewrite = (answer: ProxiedAnswer, request: { body: string }) => ProxiedAnswer;

export type SubgraphProxy = Awaited<ReturnType<typeof controllableProxy>>;

/**
 * A real HTTP hop in front of a subgraph that a test can take down, make hang, slow down, or have
 * answer something else (an HTTP 500, broken JSON, nulls or errors of its choosing).
 */
export async function controllableProxy() {
  let target = '';
  let mode: ProxyMode = 'pass';
  let rewrite: Rewrite | undefined;
  let requests = 0;
  let slowMs = 150;
  const sockets = new Set<Socket>();
  // `hold`: requests wait here until released, then pass.
  let held: (() => void)[] = [];
  let heldCount = 0;
  const heldWaiters: (() => void)[] = [];
  const server: Server = createServer(async (req, res) => {
    requests += 1;
    if (mode === 'hang') return;
    if (mode === 'dropOnce') {
      mode = 'pass';
      req.socket.destroy(); // the connection dies before an answer
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (mode === 'hold') {
      heldCount += 1;
      for (const wake of heldWaiters.splice(0)) wake();
      await new Promise<void>((r) => held.push(r));
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, slowMs)); // by default under the gateway's 300 ms timeout
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
    ) as Record<string, string>;
    const body = Buffer.concat(chunks);
    const upstream = await fetch(target, { method: req.method, headers, body });
    const received = { status: upstream.status, body: await upstream.text() };
    const answer = rewrite ? rewrite(received, { body: body.toString('utf8') }) : received;
    res.writeHead(answer.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(answer.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get requests() {
      return requests;
    },
    setTarget: (url: string) => {
      target = url;
    },
    setMode: (next: ProxyMode) => {
      mode = next;
    },
    /** How long `slow` mode delays each request (150 ms unless set). */
    setDelay: (ms: number) => {
      slowMs = ms;
    },
    /** In `hold` mode: how many requests have been held so far. */
    get held() {
      return heldCount;
    },
    /** Resolves once a request is being held (at once when one already is). */
    whenHolding: () =>
      new Promise<void>((r) => {
        if (held.length > 0) r();
        else heldWaiters.push(r);
      }),
    /** Lets every held request through, and passes from now on. */
    release: () => {
      mode = 'pass';
      const waiting = held;
      held = [];
      for (const go of waiting) go();
    },
    /** Answers pass through `next` until it is set again (undefined: unchanged). */
    setRewrite: (next: Rewrite | undefined) => {
      rewrite = next;
    },
    /** Connection refused from now on. */
    down: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      }),
    up: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', r)),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
