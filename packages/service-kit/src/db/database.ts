import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { DrizzleQueryError, sql, type SQLWrapper } from 'drizzle-orm';
import postgres from 'postgres';
import { recordStatement } from '../observability/tracing.ts';

/** A drizzle database over either driver; subgraph code never needs to know which. */
export type Database<S extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, S>;

/** The transaction handle `db.transaction(tx => …)` passes, for functions that must run inside one. */
export type TransactionOf<D extends Database<Record<string, unknown>>> = Parameters<Parameters<D['transaction']>[0]>[0];

/**
 * Where a subgraph's data lives. `pglite` shares one embedded PostgreSQL (in memory or on disk)
 * between the services of one process; `postgres` opens a connection pool to a real server.
 */
export type DatabaseTarget = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; url: string; poolSize?: number };

/** Counts the SQL statements a service issues, so tests can assert batching (statements per request). */
export class StatementCounter implements DrizzleLogger {
  count = 0;
  constructor(private readonly service = 'database') {}
  logQuery(query: string): void {
    this.count += 1;
    recordStatement(this.service, query);
  }
}

export interface DatabaseHandle<S extends Record<string, unknown>> {
  db: Database<S>;
  /**
   * The same database for the event plumbing's own work (the outbox relay's and the consumers'
   * polls and batches), its statements counted apart: `statements` then counts what requests
   * run, and a test's count of one request's statements cannot take in a relay's poll that
   * happened to fall within it.
   */
  background: Database<S>;
  kind: DatabaseTarget['kind'];
  /** The statements of `db` (requests); the background's are in `usage().statements` with them. */
  statements: StatementCounter;
  /** Connections busy with a statement or a transaction, and the most the pool opens. */
  usage(): { inUse: number; max: number; statements: number };
  /** Runs `select 1`: for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The parts of a handle that do not depend on the schema: enough to check and close it. */
export type DatabaseLifecycle = Pick<DatabaseHandle<Record<string, never>>, 'kind' | 'ping' | 'close' | 'usage'>;

export interface OpenDatabaseOptions<S extends Record<string, unknown>> {
  target: DatabaseTarget;
  schema: S;
  /** The PostgreSQL schema this service owns (named like the service). Its migrations table lives there too. */
  schemaName: string;
  migrationsFolder: string;
}

/** Opens the database and applies the service's migrations (idempotent; safe when replicas start together). */
export async function openDatabase<S extends Record<string, unknown>>(options: OpenDatabaseOptions<S>): Promise<DatabaseHandle<S>> {
  const { target, schema, schemaName, migrationsFolder } = options;
  const statements = new StatementCounter(schemaName);
  const backgroundStatements = new StatementCounter(schemaName);
  const migrationConfig = { migrationsFolder, migrationsSchema: schemaName, migrationsTable: '__drizzle_migrations' };

  if (target.kind === 'pglite') {
    await migratePglite(drizzlePglite({ client: target.client }), migrationConfig);
    const db = drizzlePglite({ client: target.client, schema, logger: statements }) as unknown as Database<S>;
    const background = drizzlePglite({ client: target.client, schema, logger: backgroundStatements }) as unknown as Database<S>;
    return {
      db,
      background,
      kind: 'pglite',
      statements,
      // One embedded connection, shared by every subgraph of the process.
      usage: () => ({ inUse: 0, max: 1, statements: statements.count + backgroundStatements.count }),
      ping: async () => void (await target.client.query('select 1')),
      // The embedded database belongs to whoever created it (the platform); it closes it.
      close: async () => {},
    };
  }

  await migrateWithLock(target.url, schemaName, migrationConfig);
  const max = target.poolSize ?? 10;
  const client = postgres(target.url, { max, onnotice: () => {}, connection: { application_name: applicationName(schemaName) } });
  const pool = countBusyConnections(client);
  const db = drizzlePostgres({ client: pool.client, schema, logger: statements }) as unknown as Database<S>;
  const background = drizzlePostgres({ client: pool.client, schema, logger: backgroundStatements }) as unknown as Database<S>;
  return {
    db,
    background,
    kind: 'postgres',
    statements,
    usage: () => ({ inUse: pool.busy(), max, statements: statements.count + backgroundStatements.count }),
    ping: async () => void (await client`select 1`),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * How the service's sessions are named in pg_stat_activity: `supergraph-<schema>`, or PGAPPNAME
 * when set (as libpq reads it), to tell one replica's sessions from another's.
 */
const applicationName = (schemaName: string) => process.env.PGAPPNAME || `supergraph-${schemaName}`;

/** An advisory lock per schema keeps two replicas from applying the same migration at once. */
async function migrateWithLock(url: string, schemaName: string, config: Parameters<typeof migratePostgres>[1]) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres({ client });
    await db.execute(sql`select pg_advisory_lock(hashtext(${`supergraph-migrate:${schemaName}`}))`);
    await migratePostgres(db, config);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * The PostgreSQL extensions the subgraphs' migrations may create (CREATE EXTENSION), which PGlite
 * must load when it starts (a server has them installed as contrib): pg_trgm, for the trigram
 * indexes of the customer search.
 */
export const EMBEDDED_EXTENSIONS = { pg_trgm };

/** Creates an embedded database, with the extensions the migrations use: in memory, or persisted in `dataDir`. */
export async function createEmbeddedDatabase(dataDir?: string): Promise<PGlite> {
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: EMBEDDED_EXTENSIONS });
  await client.waitReady;
  return client;
}

/** PostgreSQL's unique_violation (23505), whichever driver (and drizzle wrapper) reports it. */
export const isUniqueViolation = (error: unknown): boolean =>
  (typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505') ||
  (error instanceof Error && error.cause !== undefined && isUniqueViolation(error.cause));

/**
 * Bulk statements with one JSON parameter instead of one parameter per value: thousands of rows
 * cost one bind, not thousands (the event plumbing writes and reads events in batches).
 * `columns` is the record definition, e.g. `id uuid, type text`.
 */
export const jsonRecords = (rows: readonly object[], columns: string) =>
  sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${sql.raw(columns)})`;

/** What went wrong, for operators: a failed query's own reason (drizzle's message repeats the whole statement). */
export function plainErrorMessage(error: unknown): string {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** `column = any(values)`, with the values sent as one JSON array parameter. */
export const inJsonArray = (column: SQLWrapper, values: readonly (string | number)[], type: 'uuid' | 'text' | 'bigint') =>
  sql`${column} = any(array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::${sql.raw(type)}))`;

/**
 * postgres.js has no pool statistics, so count them where drizzle uses the client: a statement
 * holds a connection until it settles, a transaction until it ends.
 */
function countBusyConnections(client: postgres.Sql) {
  let busy = 0;
  const release = () => {
    busy -= 1;
  };
  const counted = new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...args: Parameters<postgres.Sql['unsafe']>) => {
          const query = target.unsafe(...args);
          busy += 1;
          // Query's species is Promise, so this observes the statement without a second execution.
          query.then(release, release);
          return query;
        };
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          busy += 1;
          return (target.begin as (...a: unknown[]) => Promise<unknown>)(...args).finally(release);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
  return { client: counted, busy: () => busy };
}
