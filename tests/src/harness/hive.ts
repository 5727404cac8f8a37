import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { readManifest } from '@supergraph/gateway';
import { INTERNAL_TOKEN_HEADER, accessTokenVerifier, internalTokenSigner, remoteKeySet, type Viewer } from '@supergraph/service-kit';

export interface HiveGatewayOptions {
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  jwksUrl: string;
  internalSecret: string;
  issuer: string;
  audience: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve `@defer` and `@stream` (Hive's `deferStream`; off by default, as in Hive). */
  deferStream?: boolean;
  /**
   * A persisted operations manifest (apollo-persisted-query-manifest, as our gateway's
   * PERSISTED_OPERATIONS_MANIFEST) whose operations Hive serves by id: the id a client sends as
   * Apollo's `extensions.persistedQuery.sha256Hash` (or Hive's own `documentId`). None by default.
   */
  persistedManifest?: string;
  /**
   * With `persistedManifest`: whether a document sent as text runs too (Hive's
   * `allowArbitraryDocuments`). False by default, a safelist: Hive then refuses every query text,
   * listed or not, and runs only ids from the manifest.
   */
  allowArbitrary?: boolean;
}

/** A manifest's operation texts by id, read and checked as our gateway reads it; once, at start. */
const readPersistedManifest = (path: string): Map<string, string> =>
  new Map([...readManifest(path)].map(([id, operation]) => [id, operation.body]));

/**
 * The Hive Gateway runtime serving our very supergraph over our very subgraphs, with the same
 * identity propagation as our gateway: it verifies the bearer token against the same JWKS and
 * gives each subgraph fetch the same gateway-signed internal token. Used to check that the
 * supergraph is not something only one gateway understands, and as the benchmark's peer.
 */
export async function startHiveGateway(options: HiveGatewayOptions) {
  // Route each subgraph to where it listens in this run.
  const sdl = options.supergraphSdl.replace(
    /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
    (_, name: string) => `@join__graph(name: "${name}", url: "${options.subgraphUrls[name]}")`,
  );
  // The same remembered verification and reused internal tokens as our gateway, so neither side pays for crypto the other skips.
  const verifyAccessToken = accessTokenVerifier(remoteKeySet(options.jwksUrl, 0), options);
  const signInternalToken = internalTokenSigner(options.internalSecret);
  const viewers = new WeakMap<Request, Promise<Viewer | null>>();
  const viewerOf = (request: Request) => {
    let viewer = viewers.get(request);
    if (!viewer) {
      const header = request.headers.get('authorization');
      viewer = header?.startsWith('Bearer ') ? verifyAccessToken(header.slice(7)).catch(() => null) : Promise.resolve(null);
      viewers.set(request, viewer);
    }
    return viewer;
  };
  const manifest = options.persistedManifest ? readPersistedManifest(options.persistedManifest) : undefined;
  const runtime = createGatewayRuntime({
    supergraph: sdl,
    logging: false,
    deferStream: options.deferStream ?? false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => ({ [INTERNAL_TOKEN_HEADER]: await signInternalToken(await viewerOf(request)) }),
    },
    // Hive's own persisted documents (@graphql-yoga/plugin-persisted-operations underneath): an
    // unknown id is PERSISTED_QUERY_NOT_IN_LIST, a text when arbitrary documents are not allowed
    // CANNOT_SEND_PQ_ID_AND_BODY. The id is taken as Apollo's sha256Hash by Hive's default.
    ...(manifest && {
      persistedDocuments: {
        getPersistedOperation: (id: string) => manifest.get(id) ?? null,
        allowArbitraryDocuments: options.allowArbitrary ?? false,
      },
    }),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await runtime.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
