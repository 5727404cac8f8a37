import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestPlatform } from './platform.ts';

/** One answer of a subscription, as a client receives it. */
export interface LiveEvent<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** A graphql-ws client to the gateway's /graphql, with `token` in connection_init. */
export function wsClient(
  url: string,
  token?: string,
  options: { retryAttempts?: number; lazy?: boolean; onClose?: (code: number, reason: string) => void } = {},
): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: options.retryAttempts ?? 0,
    lazy: options.lazy ?? true,
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        options.onClose?.(code, String(reason));
      },
    },
  });
}

/** A subscription being watched: every answer kept, and ways to wait for more. */
export interface Watched<T> {
  events: LiveEvent<T>[];
  /** Set when the server refused it (an `error` message) or the connection failed. */
  failure: unknown;
  /** Resolves when the subscription has ended (completed, refused or failed). */
  ended: Promise<void>;
  /** Waits until at least `n` answers have arrived (or it ended); rejects after `timeoutMs`. */
  atLeast(n: number, timeoutMs?: number): Promise<LiveEvent<T>[]>;
  stop(): void;
}

export function watch<T = Record<string, unknown>>(client: Client, query: string, variables?: Record<string, unknown>): Watched<T> {
  const events: LiveEvent<T>[] = [];
  const waiters = new Set<() => void>();
  let endedResolve!: () => void;
  const ended = new Promise<void>((resolve) => {
    endedResolve = resolve;
  });
  let isEnded = false;
  const watched: Watched<T> = {
    events,
    failure: undefined,
    ended,
    atLeast: (n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (events.length >= n || isEnded) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(events);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${n} events, got ${events.length}: ${JSON.stringify(events).slice(0, 500)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    stop: () => dispose(),
  };
  const finish = () => {
    isEnded = true;
    endedResolve();
    for (const waiter of [...waiters]) waiter();
  };
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        events.push(value as LiveEvent<T>);
        for (const waiter of [...waiters]) waiter();
      },
      error: (error) => {
        watched.failure = error;
        finish();
      },
      complete: finish,
    },
  );
  return watched;
}

/** The value of a gauge on the operations listener's /metrics (the sum over its labels). */
export async function metric(platform: Pick<TestPlatform, 'operationsUrl'>, name: string, service?: string): Promise<number> {
  const text = await (await fetch(`${platform.operationsUrl}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})?\s+([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    if (service && !(match[2] ?? '').includes(`service="${service}"`)) continue;
    total += Number(match[3]);
  }
  return total;
}

/** Waits until the gateway has `n` subscriptions whose subgraph follows the event log (so nothing published from now on is missed). */
export async function following(platform: Pick<TestPlatform, 'operationsUrl'>, n: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await metric(platform, 'subscriptions_following');
    if (now >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${now} of ${n} subscriptions are following the event log`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
