import { createHash } from 'node:crypto';
import { readFileSync, watch } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, PublicError, type Logger, z } from '@supergraph/service-kit';

/** One operation of a manifest in the `apollo-persisted-query-manifest` format (what `@apollo/generate-persisted-query-manifest` writes). */
export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
    }),
  ),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads and checks a manifest; the error says what is wrong with it, for a person. */
export function readManifest(path: string): Map<string, ManifestOperation> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The persisted operations manifest ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `The persisted operations manifest ${path} is not an apollo-persisted-query-manifest: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
  }
  const operations = new Map<string, ManifestOperation>();
  for (const operation of parsed.data.operations) operations.set(operation.id, operation);
  return operations;
}

const MAX_REGISTERED = 10_000;
/** What clients may register in all, as Apollo Server's own cache bounds it (about 30 MB). */
const MAX_REGISTERED_BYTES = 30 * 1024 * 1024;

/**
 * Persisted operations at the gateway. The manifest's operations are served by id through Apollo
 * Server's automatic persisted queries (a client sends only `extensions.persistedQuery.sha256Hash`),
 * and, by mode, an operation the manifest does not list is refused with PERSISTED_QUERY_NOT_IN_LIST
 * (`safelist`), or run and logged once per operation (`audit`). Outside `safelist`, clients may
 * register their own operations as APQ allows (kept in memory, at most 10,000). The manifest is read
 * again when its file changes (or on `reload()`); one that does not read keeps the last good one.
 */
export class PersistedOperations {
  private byId: Map<string, ManifestOperation>;
  /** Operations by the SHA-256 of their text, the hash Apollo Server gives every request. */
  private byHash = new Set<string>();
  private readonly registered = new Map<string, string>();
  private registeredBytes = 0;
  private readonly audited = new Set<string>();
  private readonly watcher: ReturnType<typeof watch> | undefined;

  constructor(
    private readonly path: string | undefined,
    readonly mode: 'safelist' | 'audit' | 'off',
    private readonly logger: Logger,
  ) {
    this.byId = path ? readManifest(path) : new Map();
    this.index();
    if (path) {
      let timer: NodeJS.Timeout | undefined;
      this.watcher = watch(path, () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.reload(), 100);
      });
      this.watcher.unref();
    }
  }

  private index() {
    this.byHash = new Set([...this.byId.values()].map((o) => sha256(o.body)));
  }

  /** Reads the manifest again; returns whether it could. */
  reload(): boolean {
    if (!this.path) return true;
    try {
      this.byId = readManifest(this.path);
      this.index();
      this.logger.info({ path: this.path, operations: this.byId.size }, 'persisted operations manifest loaded');
      return true;
    } catch (error) {
      this.logger.error(
        { path: this.path, error: (error as Error).message },
        'the persisted operations manifest could not be loaded; keeping the last good one',
      );
      return false;
    }
  }

  close() {
    this.watcher?.close();
  }

  /** Apollo Server's cache of persisted queries (it prefixes keys with `apq:`): the manifest first, then what clients registered. */
  readonly cache = {
    get: async (key: string): Promise<string | undefined> => {
      const id = key.startsWith('apq:') ? key.slice(4) : key;
      return this.byId.get(id)?.body ?? this.registered.get(id);
    },
    set: async (key: string, value: string): Promise<void> => {
      // A safelisted gateway takes no operations from clients.
      if (this.mode === 'safelist') return;
      const id = key.startsWith('apq:') ? key.slice(4) : key;
      if (this.registered.has(id)) return;
      // Oldest first out, by count and by size: a client cannot fill memory with registrations.
      while (
        this.registered.size > 0 &&
        (this.registered.size >= MAX_REGISTERED || this.registeredBytes + value.length > MAX_REGISTERED_BYTES)
      ) {
        const [oldest, body] = this.registered.entries().next().value!;
        this.registered.delete(oldest);
        this.registeredBytes -= body.length;
      }
      this.registered.set(id, value);
      this.registeredBytes += value.length;
    },
    delete: async (key: string): Promise<boolean> => {
      const id = key.startsWith('apq:') ? key.slice(4) : key;
      const body = this.registered.get(id);
      if (body === undefined) return false;
      this.registered.delete(id);
      this.registeredBytes -= body.length;
      return true;
    },
  };

  /** Refuses (safelist) or logs (audit) operations the manifest does not list; before authorization, which changes the hash. */
  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ queryHash, operationName, contextValue }) => {
          if (this.mode === 'off' || this.byHash.has(queryHash)) return;
          // The gateway's own operations (its personal data export) are fixed text, not a client's.
          if ((contextValue as { internalOperation?: string }).internalOperation) return;
          if (this.mode === 'safelist') {
            throw new PublicError(
              'This gateway runs only the operations of its persisted operations manifest; this one is not there. Build your client with the manifest, or ask for the operation to be added.',
              ErrorCode.PersistedQueryNotInList,
              { extensions: { http: { status: 400 } } },
            );
          }
          if (this.audited.size < MAX_REGISTERED && !this.audited.has(queryHash)) {
            this.audited.add(queryHash);
            this.logger.warn(
              { operation: operationName ?? 'anonymous', hash: queryHash },
              'an operation the persisted operations manifest does not list',
            );
          }
        },
      }),
    };
  }
}
