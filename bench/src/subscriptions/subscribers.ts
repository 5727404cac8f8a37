import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ROOT } from '../layout.ts';

/** What every subscriber asks for: its order's changes, with fields of three other subgraphs resolved per event. */
export const ORDER_UPDATED = readFileSync(join(ROOT, 'bench/workloads/subscriptions/order-updated.graphql'), 'utf8');

export interface OrderUpdatedData {
  orderUpdated: {
    id: string;
    status: string;
    updatedAt: string;
    payments: { status: string }[] | null;
    customer: { firstName: string; metrics: { totalOrders: number } | null } | null;
  };
}

/** One message a subscriber received, and when (this process's clock, the machine's). */
export interface Received {
  atMs: number;
  data?: OrderUpdatedData | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** One client following one order: its own WebSocket, as a browser tab would have. */
export interface Subscriber {
  orderId: string;
  received: Received[];
  /** The server completed the subscription (it does after the order's final change). */
  completed: boolean;
  /** Set when the server refused it or the connection failed. */
  failure?: string;
  client: Client;
}

/**
 * Opens one graphql-ws connection per subscriber to `wsUrl` (the token in `connection_init`, as
 * the gateway expects) and subscribes each to its order, `concurrency` connections being opened
 * at a time; resolves once every connection is acknowledged and its subscribe message sent.
 */
export async function openSubscribers(
  wsUrl: string,
  wanted: { orderId: string; token: string }[],
  concurrency = 50,
): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  let next = 0;
  const openOne = async () => {
    for (let i = next++; i < wanted.length; i = next++) {
      const { orderId, token } = wanted[i]!;
      let acknowledged!: () => void;
      let refused!: (error: Error) => void;
      const connected = new Promise<void>((resolve, reject) => {
        acknowledged = resolve;
        refused = reject;
      });
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: true,
        retryAttempts: 0,
        on: {
          connected: () => acknowledged(),
          closed: (event) => {
            const { code, reason } = event as { code: number; reason: string };
            refused(new Error(`connection closed (${code} ${reason})`));
          },
        },
      });
      const subscriber: Subscriber = { orderId, received: [], completed: false, client };
      subscribers[i] = subscriber;
      client.subscribe<OrderUpdatedData>(
        { query: ORDER_UPDATED, variables: { orderId } },
        {
          next: (value) => {
            subscriber.received.push({ atMs: Date.now(), data: value.data, errors: value.errors });
          },
          error: (error) => {
            subscriber.failure = describe(error);
          },
          complete: () => {
            subscriber.completed = true;
          },
        },
      );
      await connected;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, openOne));
  return subscribers;
}

const describe = (error: unknown): string => {
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message).join('; ');
  if (error instanceof Error) return error.message;
  const { code, reason } = error as { code?: number; reason?: string };
  return code !== undefined ? `connection closed (${code} ${reason ?? ''})` : String(error);
};

/** Closes every subscriber's connection. */
export async function closeSubscribers(subscribers: Subscriber[]): Promise<void> {
  await Promise.all(subscribers.map((s) => s.client.dispose()));
}
