import { readFileSync } from 'node:fs';
import { defineSubgraph } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { readAnalyticsConfig, PORT } from './config.ts';
import { analyticsConsumer } from './consumer.ts';
import { createContext } from './context.ts';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

export { rebuildAnalyticsReadModels } from './db/read-models.ts';
export { scaleCounts, seedScale, type AnalyticsScaleData } from './seed-scale.ts';

/** Analytics: a read model built only from other domains' events; customer metrics and store figures. */
export const analytics = defineSubgraph({
  name: 'analytics',
  port: PORT,
  readConfig: readAnalyticsConfig,
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  database: {
    schema,
    migrationsFolder: new URL('../drizzle', import.meta.url).pathname,
    consumerTables: schema.consumer,
    auditLog: schema.auditLog,
  },
  wire: ({ db }) => ({ consumers: [analyticsConsumer], createContext: createContext({ db }) }),
});
