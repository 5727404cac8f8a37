import type { FetchNode } from '@apollo/query-planner';
import { Channel, ErrorCode, GRAPHQL_WS_PROTOCOL, type Logger, type UpstreamExtensions } from '@supergraph/service-kit';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { PrimaryAnswer } from '../execution/execute.ts';
import type { FetchContext, InternalTokenSigner } from '../subgraph-fetch.ts';

export interface UpstreamSettings {
  /** How long to keep trying to subscribe again after the connection to a subgraph was lost. */
  reconnectForMs: number;
  /** Events of one subscription that may wait for the gateway before it is ended. */
  maxQueued: number;
}

type Json = Record<string, unknown>;

/**
 * The gateway's subscriptions to subgraphs, over graphql-ws: one connection per subgraph, shared
 * by every subscription (the connection proves it is the gateway; each subscription carries its
 * caller's internal token and request id in `extensions`). A lost connection (a subgraph restarted)
 * is opened again and every subscription resumes after the last event it received, from the
 * subgraph's event log: nothing is missed and nothing repeated. Only after `reconnectForMs` of
 * failed attempts does a subscription end, with SUBGRAPH_UNAVAILABLE.
 */
export class UpstreamSubscriptions {
  private readonly clients = new Map<string, Client>();
  /** Subscriptions that are following their subgraph's events (a gauge). */
  live = 0;

  constructor(
    private readonly urlOf: (subgraph: string) => string | undefined,
    private readonly sign: InternalTokenSigner,
    private readonly logger: Logger,
    private readonly settings: UpstreamSettings,
  ) {}

  subscribe(fetch: FetchNode, variables: Json, context: FetchContext): AsyncIterableIterator<PrimaryAnswer> {
    const subgraph = fetch.serviceName;
    let dispose: (() => void) | undefined;
    let retry: NodeJS.Timeout | undefined;
    let joined = false;
    const leave = () => {
      if (joined) this.live -= 1;
      joined = false;
    };
    const channel = new Channel<PrimaryAnswer>({
      limit: this.settings.maxQueued,
      onClose: () => {
        clearTimeout(retry);
        leave();
        dispose?.();
      },
    });
    let position: number | undefined;
    let outageSince: number | undefined;
    let delay = 100;
    const unavailable = (message: string) => {
      channel.push({ errors: [{ message, extensions: { code: ErrorCode.SubgraphUnavailable } }] });
      channel.end();
    };

    const attempt = async () => {
      if (!channel.isOpen) return;
      const client = this.clientFor(subgraph);
      if (!client) return unavailable(`The ${subgraph} service has no address to subscribe at.`);
      let internalToken: string;
      try {
        internalToken = await this.sign(context.viewer ?? null, context.client ?? { ip: null });
      } catch (error) {
        channel.end(error);
        return;
      }
      if (!channel.isOpen) return;
      const extensions: UpstreamExtensions = {
        internalToken,
        ...(context.requestId ? { requestId: context.requestId } : {}),
        ...(position !== undefined ? { resumeAfter: position } : {}),
      };
      dispose = client.subscribe<Json, Json>(
        { query: fetch.operation, variables, operationName: fetch.operationName, extensions: extensions as unknown as Json },
        {
          next: (result) => {
            outageSince = undefined;
            delay = 100;
            const at = result.extensions?.position;
            if (typeof at === 'number') position = at;
            // The subgraph's first message says only where it joined the event log.
            if (!('data' in result) && !result.errors) {
              if (!joined) this.live += 1;
              joined = true;
              channel.push({ joined: true });
              return;
            }
            channel.push({ data: result.data as Json | null | undefined, errors: result.errors });
          },
          error: (error) => {
            leave();
            // The subgraph refused the subscription (its errors), or the connection failed.
            if (Array.isArray(error)) {
              channel.push({ errors: error });
              channel.end();
              return;
            }
            const code = (error as { code?: unknown }).code;
            if (typeof code === 'number' && code >= 4400 && code < 4500) {
              this.logger.error(
                { subgraph, code },
                'a subgraph refused the gateway’s subscription connection (is INTERNAL_TOKEN_SECRET the same?)',
              );
              return unavailable(`The ${subgraph} service refused the subscription.`);
            }
            outageSince ??= Date.now();
            if (Date.now() - outageSince > this.settings.reconnectForMs) {
              return unavailable(`The ${subgraph} service is unavailable; subscribe again later.`);
            }
            this.logger.warn({ subgraph, resumeAfter: position }, 'lost a subscription to a subgraph; subscribing again');
            retry = setTimeout(() => void attempt(), delay);
            delay = Math.min(delay * 2, 2_000);
          },
          complete: () => channel.end(),
        },
      );
    };
    void attempt();
    return channel;
  }

  private clientFor(subgraph: string): Client | undefined {
    const existing = this.clients.get(subgraph);
    if (existing) return existing;
    const url = this.urlOf(subgraph);
    if (!url) return undefined;
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols ?? GRAPHQL_WS_PROTOCOL, { maxPayload: 10_000_000 });
        }
      },
      connectionParams: async () => ({ internalToken: await this.sign(null, { ip: null }) }),
      lazy: true,
      lazyCloseTimeout: 5_000,
      // Subscriptions resume themselves (after the last event each received); the client does not retry.
      retryAttempts: 0,
      keepAlive: 10_000,
    });
    this.clients.set(subgraph, client);
    return client;
  }

  async close() {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.dispose()));
  }
}
