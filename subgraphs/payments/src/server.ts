import { readFileSync } from 'node:fs';
import { defineSubgraph } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { readPaymentsConfig, PORT } from './config.ts';
import { accountEvents } from './consumers/account-events.ts';
import { orderEvents } from './consumers/order-events.ts';
import { createContext } from './context.ts';
import { schema } from './db/index.ts';
import { SimulatedPaymentProvider } from './provider.ts';
import { resolvers } from './resolvers/index.ts';

export { payDemoOrders } from './seed.ts';
export { scaleCounts, seedScale, type PaymentsScaleData } from './seed-scale.ts';

/** Payments: charges and refunds through a provider; refunds a cancelled paid order on its own. */
export const payments = defineSubgraph({
  name: 'payments',
  port: PORT,
  readConfig: readPaymentsConfig,
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  database: {
    schema,
    migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
    outbox: schema.outbox,
    consumerTables: schema.consumer,
    auditLog: schema.auditLog,
  },
  wire: ({ db, events, config }) => {
    // The simulated test-mode provider; a real one would be chosen here from the config.
    const provider = new SimulatedPaymentProvider();
    return {
      consumers: [orderEvents(provider), accountEvents],
      createContext: createContext({ db, provider, events, orderWaitMs: config.orderWaitMs }),
    };
  },
});
