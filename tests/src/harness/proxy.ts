import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ProxyMode = 'pass' | 'hang' | 'slow' | 'dropOnce';

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
  const sockets = new Set<Socket>();
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
    if (mode === 'slow') await new Promise((r) => setTimeout(r, 150)); // under the gateway's 300 ms timeout
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
