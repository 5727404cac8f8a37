import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway';
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
}

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
  const runtime = createGatewayRuntime({
    supergraph: sdl,
    logging: false,
    deferStream: options.deferStream ?? false,
    propagateHeaders: {
      fromClientToSubgraphs: async ({ request }) => ({ [INTERNAL_TOKEN_HEADER]: await signInternalToken(await viewerOf(request)) }),
    },
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
