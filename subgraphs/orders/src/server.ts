import { readFileSync } from 'node:fs';
import { defineSubgraph } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { readOrdersConfig, PORT } from './config.ts';
import { accountEvents } from './consumers/account-events.ts';
import { paymentEvents } from './consumers/payment-events.ts';
import { storeEvents } from './consumers/store-events.ts';
import { createContext } from './context.ts';
import { OrderUpdates } from './live.ts';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

export { advanceDemoOrders, seedDemo, type OrdersDemoData } from './seed.ts';
export { scaleCounts, seedScale, storeForScale, type OrdersScaleData } from './seed-scale.ts';

/** Orders: menus, placing orders and their state machine; confirms an order when its payment succeeds; sets up each store opened to sell. */
export const orders = defineSubgraph({
  name: 'orders',
  port: PORT,
  readConfig: readOrdersConfig,
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  database: {
    schema,
    migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
    outbox: schema.outbox,
    consumerTables: schema.consumer,
    auditLog: schema.auditLog,
  },
  wire: ({ db, events, transport, logger, config }) => ({
    consumers: [paymentEvents, accountEvents, storeEvents],
    createContext: createContext({ db, events, updates: new OrderUpdates(db, transport, logger, config.events.pollMs) }),
  }),
});
