import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createSubgraphService,
  EventRuntime,
  openDatabase,
  type DatabaseHandle,
  type DatabaseTarget,
  type EventTransport,
  type Logger,
  type Service,
} from '@supergraph/service-kit';
import type { PaymentsConfig } from './config.ts';
import { orderEvents } from './consumers/order-events.ts';
import { SimulatedPaymentProvider, type PaymentProvider } from './provider.ts';
import { parse } from 'graphql';
import { createContext } from './context.ts';
import { MIGRATIONS_FOLDER, SCHEMA_NAME, schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';


export { readPaymentsConfig, type PaymentsConfig } from './config.ts';
export { payDemoOrders } from './seed.ts';

export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Opens this subgraph's database and applies its migrations. */
export const openPaymentsDatabase = (target: DatabaseTarget) =>
  openDatabase({ target, schema, schemaName: SCHEMA_NAME, migrationsFolder: MIGRATIONS_FOLDER });

export interface PaymentsServerDeps {
  config: PaymentsConfig;
  database: DatabaseHandle<typeof schema>;
  logger: Logger;
  /** Shared with the gateway. */
  internalSecret: string;
  /** Where events are published and read. */
  transport: EventTransport;
  /** The card processor; the simulated test-mode one by default. */
  provider?: PaymentProvider;
}

/** Builds the payments subgraph without listening: `index.ts` (or the platform) decides where. */
export function createServer(deps: PaymentsServerDeps): Promise<Service> {
  const { db } = deps.database;
  const provider = deps.provider ?? new SimulatedPaymentProvider();
  const events = new EventRuntime({
    db: db as never,
    transport: deps.transport,
    logger: deps.logger,
    outbox: schema.outbox,
    consumerTables: { appliedEvents: schema.appliedEvents, aggregateCursors: schema.aggregateCursors, parkedEvents: schema.parkedEvents },
    consumers: [orderEvents(provider)],
    pollMs: deps.config.events.pollMs,
    batchSize: deps.config.events.batchSize,
    maxAttempts: deps.config.events.maxAttempts,
    retryBaseMs: deps.config.events.retryBaseMs,
  });
  return createSubgraphService({
    name: 'payments',
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    logger: deps.logger,
    development: deps.config.development,
    internalSecret: deps.internalSecret,
    corsOrigins: deps.config.corsOrigins,
    database: deps.database,
    events,
    maxConsumerLag: deps.config.events.maxLag,
    consumerStallMs: deps.config.events.stallMs,
    createContext: createContext({ db, provider, events, orderWaitMs: deps.config.orderWaitMs }),
  });
}
