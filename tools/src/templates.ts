/** The files of a new subgraph, by path inside its folder: a working domain that extends `Customer` with one field. */
export interface Names {
  /** `loyalty`: the folder, the package suffix, the PostgreSQL schema, the key in supergraph.yaml. */
  name: string;
  /** `Loyalty`: its GraphQL type and TypeScript prefix. */
  type: string;
  port: number;
}

export interface Versions {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function subgraphFiles({ name, type, port }: Names, versions: Versions): Record<string, string> {
  return {
    'package.json': json({
      name: `@supergraph/${name}`,
      version: '0.0.0',
      private: true,
      type: 'module',
      exports: { '.': './src/server.ts' },
      scripts: {
        start: 'tsx src/index.ts',
        dev: 'tsx watch src/index.ts',
        typecheck: 'tsc -p .',
        codegen: 'graphql-codegen --config codegen.ts',
        'db:generate': 'drizzle-kit generate',
      },
      dependencies: versions.dependencies,
      devDependencies: versions.devDependencies,
    }),
    'tsconfig.json': '{ "extends": "../../tsconfig.base.json", "include": ["src", "codegen.ts", "drizzle.config.ts"] }\n',
    'codegen.ts': `import { subgraphCodegen } from '@supergraph/service-kit/codegen';

// Resolver types generated from the SDL; the mappers say which row or reference stands behind each type.
export default subgraphCodegen({
  Customer: '../resolvers/Customer.ts#CustomerRef',
  ${type}: '../db/schema.ts#${type}Record',
});
`,
    'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

// \`npm run db:generate -w @supergraph/${name}\` writes a new SQL migration from src/db/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['${name}'],
});
`,
    'src/schema.graphql': `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@requiresScopes", "@shareable"])

"""
An ISO-8601 date-time in UTC, for example \`2026-01-31T12:00:00.000Z\`.
"""
scalar DateTime

"""
A JSON object, returned as is; its field says what it holds. Output only.
"""
scalar JSONObject

"""
One domain's part of a customer's personal data export (the right of access): everything that
domain keeps about the person. Every domain adds one such field to \`Customer\`; the gateway's
\`/personal-data\` download gathers them all.
"""
type PersonalDataPart @shareable {
  "The domain (subgraph) whose part this is."
  domain: String!
  "When the part was read."
  readAt: DateTime!
  "What the domain keeps about the person, as described on the field that returns the part."
  data: JSONObject!
}

"""
A customer, as the ${name} subgraph sees it: the key, plus what ${name} knows about the customer.
"""
type Customer @key(fields: "id") {
  "Stable identifier of the account (owned by the customers subgraph)."
  id: ID!
  """
  The customer's ${name} record. The customer sees their own; staff and admins those of their
  store's customers. Null only when the ${name} service is unavailable (or refuses the caller),
  so that an outage nulls only this field, not the whole customer.
  """
  ${name}: ${type} @requiresScopes(scopes: [["self"], ["store:customers"]])
  """
  The ${name} domain's part of the customer's personal data export: the customer's record. For
  the customer, and admins of their store.
  """
  ${name}PersonalData: PersonalDataPart @requiresScopes(scopes: [["self"], ["store:admin"]])
}

"""
What the ${name} domain keeps about one customer.
"""
type ${type} {
  "A count this domain keeps for the customer; 0 until something adds to it."
  value: Int!
  "When \`value\` last changed; null while it never has."
  updatedAt: DateTime
}
`,
    'src/config.ts': `import { readSubgraphConfig, type SubgraphConfig } from '@supergraph/service-kit';

/** The ${name} subgraph's settings: only those every subgraph has (add its own here, parsed once). */
export type ${type}Config = SubgraphConfig;

export const PORT = ${port};

export const read${type}Config = (source: Record<string, string | undefined>): ${type}Config => readSubgraphConfig('${name}', PORT, source);
`,
    'src/db/schema.ts': `import { consumerTables } from '@supergraph/service-kit';
import { index, integer, pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything this subgraph stores lives in the \`${name}\` PostgreSQL schema; nobody else reads it. */
export const ${name}Schema = pgSchema('${name}');

/**
 * One row per customer, made when the customers subgraph's CustomerRegistered event arrives: the
 * store it came with lets staff see the records of their own store's customers only.
 */
export const ${name}Records = ${name}Schema.table(
  '${name}_records',
  {
    customerId: uuid('customer_id').primaryKey(),
    storeId: uuid('store_id').notNull(),
    value: integer('value').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('${name}_records_store_idx').on(t.storeId)],
);
export type ${type}Row = typeof ${name}Records.$inferSelect;
/** What the \`${type}\` type shows of a row. */
export type ${type}Record = Pick<${type}Row, 'value' | 'updatedAt'>;

/** What this subgraph's consumer (of customer events) has applied. */
export const { appliedEvents, aggregateCursors, parkedEvents } = consumerTables(${name}Schema);
/** The same three tables, as the event kit takes them. */
export const consumer = { appliedEvents, aggregateCursors, parkedEvents };
`,
    'src/db/index.ts': `import type { Database, TransactionOf } from '@supergraph/service-kit';
import * as schema from './schema.ts';

export { schema };
export type ${type}Db = Database<typeof schema>;
export type ${type}Tx = TransactionOf<${type}Db>;
`,
    'src/db/records.ts': `import { inArray } from 'drizzle-orm';
import type { ${type}Db } from './index.ts';
import { ${name}Records } from './schema.ts';

export const findRecordsByCustomerIds = (db: ${type}Db, customerIds: readonly string[]) =>
  db.select().from(${name}Records).where(inArray(${name}Records.customerId, [...customerIds]));
`,
    'src/consumer.ts': `import type { ConsumerDefinition } from '@supergraph/service-kit';
import type { ${type}Tx } from './db/index.ts';
import { ${name}Records } from './db/schema.ts';

/** The part of the customers subgraph's CustomerRegistered event this consumer relies on. */
interface CustomerRegistered {
  customerId: string;
  storeId: string;
}

/**
 * Gives every registered customer a record, from customer events (never from the customers
 * subgraph's tables). Its offset starts at the beginning of the log, so existing customers count too.
 */
export const ${name}Consumer: ConsumerDefinition = {
  name: '${name}',
  aggregateTypes: ['Customer'],
  // CustomerErased (the right to erasure) changes nothing here: this domain keeps ids and a count,
  // nothing that identifies a person. A domain that keeps more erases it here, in this transaction.
  async apply(db, events) {
    const registered = events.filter((e) => e.type === 'CustomerRegistered').map((e) => e.payload as CustomerRegistered);
    if (registered.length === 0) return;
    await (db as unknown as ${type}Tx)
      .insert(${name}Records)
      .values(registered.map((r) => ({ customerId: r.customerId, storeId: r.storeId })))
      .onConflictDoNothing();
  },
  async reset(db) {
    await (db as unknown as ${type}Tx).delete(${name}Records);
  },
};
`,
    'src/access.ts': `import { forbidden, requireViewer, type Viewer } from '@supergraph/service-kit';
import type { ${type}Record, ${type}Row } from './db/schema.ts';

/** A customer whose record has not arrived yet (their CustomerRegistered event is on its way) reads as zero. */
const EMPTY: ${type}Record = { value: 0, updatedAt: null };

/**
 * Who may see a customer's ${name} record: the customer their own; staff and admins (who hold
 * \`store:customers\`) those of their store's customers, known by the store the record came with.
 */
export function visibleRecord(viewer: Viewer | null, customerId: string, record: ${type}Row | null): ${type}Record {
  const signedIn = requireViewer(viewer);
  if (signedIn.role === 'CUSTOMER' && signedIn.accountId === customerId) return record ?? EMPTY;
  if (signedIn.scopes.includes('store:customers') && record && record.storeId === signedIn.storeId) return record;
  throw forbidden("You may not see this customer's ${name} record.");
}
`,
    'src/loaders.ts': `import DataLoader from 'dataloader';
import { isUuid } from '@supergraph/service-kit';
import type { ${type}Db } from './db/index.ts';
import { findRecordsByCustomerIds } from './db/records.ts';
import type { ${type}Row } from './db/schema.ts';

/** Per-request loaders: one SQL statement per tick, however many customers ask. */
export function createLoaders(db: ${type}Db) {
  return {
    recordOf: new DataLoader<string, ${type}Row | null>(async (customerIds) => {
      const valid = customerIds.filter(isUuid);
      const rows = valid.length > 0 ? await findRecordsByCustomerIds(db, valid) : [];
      const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
      return customerIds.map((id) => byCustomer.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
`,
    'src/context.ts': `import type { Viewer } from '@supergraph/service-kit';
import type { ${type}Db } from './db/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

/** What lives as long as the service. */
export interface ${type}Deps {
  db: ${type}Db;
}

/** What every resolver gets: the verified caller, fresh loaders, and the service's dependencies. */
export interface Context extends ${type}Deps {
  viewer: Viewer | null;
  loaders: Loaders;
}

export const createContext = (deps: ${type}Deps) => (viewer: Viewer | null): Context => ({
  ...deps,
  viewer,
  loaders: createLoaders(deps.db),
});
`,
    'src/resolvers/Customer.ts': `import { personalDataScope } from '@supergraph/service-kit';
import { visibleRecord } from '../access.ts';
import type { CustomerResolvers } from '../__generated__/resolvers-types.ts';

/** This subgraph knows a customer only by id. */
export interface CustomerRef {
  id: string;
}

export const Customer: CustomerResolvers = {
  __resolveReference: async ({ id }) => ({ id }),

  ${name}: async ({ id }, _, { viewer, loaders }) => visibleRecord(viewer, id, await loaders.recordOf.load(id)),

  // Its part of the personal data export: everything this domain keeps about the customer.
  ${name}PersonalData: async ({ id }, _, { viewer, loaders }) => {
    const { storeId } = personalDataScope(viewer, id);
    const record = await loaders.recordOf.load(id);
    const mine = record && (storeId === null || record.storeId === storeId) ? record : null;
    return {
      domain: '${name}',
      readAt: new Date(),
      data: { record: mine ? { value: mine.value, updatedAt: mine.updatedAt?.toISOString() ?? null } : null },
    };
  },
};
`,
    'src/resolvers/index.ts': `import { DateTimeScalar, JSONObjectScalar } from '@supergraph/service-kit';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { Customer } from './Customer.ts';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, JSONObject: JSONObjectScalar, Customer };
`,
    'src/server.ts': `import { readFileSync } from 'node:fs';
import { defineSubgraph } from '@supergraph/service-kit';
import { parse } from 'graphql';
import { PORT, read${type}Config } from './config.ts';
import { ${name}Consumer } from './consumer.ts';
import { createContext } from './context.ts';
import { schema } from './db/index.ts';
import { resolvers } from './resolvers/index.ts';

/** ${type}: what this domain keeps about each customer, learnt from customer events. */
export const ${name} = defineSubgraph({
  name: '${name}',
  port: PORT,
  readConfig: read${type}Config,
  typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
  resolvers,
  database: { schema, migrationsFolder: new URL('../drizzle', import.meta.url).pathname, consumerTables: schema.consumer },
  wire: ({ db }) => ({ consumers: [${name}Consumer], createContext: createContext({ db }) }),
});
`,
    'src/index.ts': `import { runStandaloneSubgraph } from '@supergraph/service-kit';
import { ${name} } from './server.ts';

// Runs the ${name} subgraph as its own process (the deployed shape).
await runStandaloneSubgraph(${name});
`,
  };
}

/** The end-to-end test of a new subgraph, in tests/src/<name>.test.ts. */
export function testFile({ name }: Names): string {
  return `import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

const PROFILE = '{ me { firstName ${name} { value updatedAt } } }';

describe('${name}', () => {
  test('the profile shows the customer their ${name} record, through the gateway', async () => {
    const ada = await platform.login('ada@napoli.example');
    const result = await platform.gql<{ me: { firstName: string; ${name}: { value: number; updatedAt: string | null } } }>(PROFILE, {}, ada);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual({ firstName: 'Ada', ${name}: { value: 0, updatedAt: null } });
  });

  test("staff see their store's customers' records; another store's staff are refused", async () => {
    const ada = await platform.login('ada@napoli.example');
    const id = (await platform.gql<{ me: { id: string } }>('{ me { id } }', {}, ada)).data!.me.id;
    const query = 'query ($id: ID!) { customer(id: $id) { ${name} { value } } }';
    const own = await platform.gql(query, { id }, await platform.login('staff@napoli.example'));
    expect(own.data).toEqual({ customer: { ${name}: { value: 0 } } });
    const other = await platform.gql(query, { id }, await platform.login('staff@burgerbarn.example', 'burger-barn'));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test("a new customer gets a record from the CustomerRegistered event, which their store's staff then see", async () => {
    const someone = await platform.register('napoli');
    await platform.settle();
    const result = await platform.gql('query ($id: ID!) { customer(id: $id) { ${name} { value } } }', { id: someone.id }, await platform.login('staff@napoli.example'));
    expect(result.data).toEqual({ customer: { ${name}: { value: 0 } } });
  });
});
`;
}
