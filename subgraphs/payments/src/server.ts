import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createSubgraphService, openDatabase, type DatabaseHandle, type DatabaseTarget, type Logger, type Service, type SubgraphConfig } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { createContext } from './context.ts';
import { MIGRATIONS_FOLDER, SCHEMA_NAME, schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';


export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Opens this subgraph's database and applies its migrations. */
export const openPaymentsDatabase = (target: DatabaseTarget) =>
  openDatabase({ target, schema, schemaName: SCHEMA_NAME, migrationsFolder: MIGRATIONS_FOLDER });

export interface PaymentsServerDeps {
  config: SubgraphConfig;
  database: DatabaseHandle<typeof schema>;
  logger: Logger;
  /** Shared with the gateway. */
  internalSecret: string;
}

/** Builds the payments subgraph without listening: `index.ts` (or the platform) decides where. */
export function createServer(deps: PaymentsServerDeps): Promise<Service> {
  return createSubgraphService({
    name: 'payments',
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    logger: deps.logger,
    development: deps.config.development,
    internalSecret: deps.internalSecret,
    corsOrigins: deps.config.corsOrigins,
    database: deps.database,
    createContext: createContext({ db: deps.database.db }),
  });
}
