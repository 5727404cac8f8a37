import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { FEDERATION_SUBGRAPHS, type FederationSubgraph } from './subgraphs.ts';

type Name = FederationSubgraph['name'];

/** Distinct request bodies (or queries) each subgraph remembers; a gateway sends a few dozen. */
const REMEMBERED = 1000;

/** Remembers up to REMEMBERED values, forgetting the oldest first. */
function memo<T>() {
  const values = new Map<string, T>();
  return (key: string, make: () => T): T => {
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      if (values.size >= REMEMBERED) values.delete(values.keys().next().value!);
      values.set(key, value);
    }
    return value;
  };
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The cheapest subgraph we could write, so that the gateways are what is measured: plain node:http
 * and graphql-js over the `@apollo/subgraph` schema, no server framework, no plugins. The data
 * never changes, so an answer depends only on the request's body: each body is executed once and
 * its answer sent again from memory (the public benchmark's Rust subgraphs are as cheap).
 */
function handlerOf(schema: GraphQLSchema, counted: () => void) {
  const documents = memo<DocumentNode | string>();
  const answers = memo<Promise<string>>();
  const answer = async (body: string): Promise<string> => {
    const { query, variables, operationName } = JSON.parse(body) as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    const document = documents(query, () => {
      const parsed = parse(query);
      const errors = validate(schema, parsed);
      return errors.length > 0 ? JSON.stringify({ errors }) : parsed;
    });
    if (typeof document === 'string') return document;
    return JSON.stringify(await execute({ schema, document, variableValues: variables, operationName }));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      counted();
      const body = Buffer.concat(chunks).toString();
      answers(body, () => answer(body)).then(
        (text) => send(res, 200, text),
        (error: unknown) =>
          send(res, 400, JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] })),
      );
    });
  };
}

export interface RunningSubgraphs {
  urls: Record<Name, string>;
  /** GraphQL requests each subgraph has answered so far. */
  requests: Record<Name, number>;
  close: () => Promise<void>;
}

/** The four subgraphs, each on its own port on 127.0.0.1 (0: any free one), in this process. */
export async function serveSubgraphs(ports: Record<Name, number>): Promise<RunningSubgraphs> {
  const requests = Object.fromEntries(FEDERATION_SUBGRAPHS.map(({ name }) => [name, 0])) as Record<Name, number>;
  const servers: [Name, Server][] = FEDERATION_SUBGRAPHS.map(({ name, typeDefs, resolvers }) => {
    const schema = buildSubgraphSchema({ typeDefs, resolvers });
    const graphql = handlerOf(schema, () => (requests[name] += 1));
    // GET /requests: every subgraph's count, for the benchmark's subgraph fetches per request.
    const server = createServer((req, res) =>
      req.method === 'POST' ? graphql(req, res) : send(res, req.url === '/requests' ? 200 : 405, JSON.stringify(requests)),
    );
    server.keepAliveTimeout = 60_000;
    return [name, server];
  });
  await Promise.all(servers.map(([name, server]) => new Promise<void>((resolve) => server.listen(ports[name], '127.0.0.1', resolve))));
  const urls = Object.fromEntries(
    servers.map(([name, server]) => [name, `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`]),
  ) as Record<Name, string>;
  return {
    urls,
    requests,
    close: async () => {
      for (const [, server] of servers) server.closeAllConnections();
      await Promise.all(servers.map(([, server]) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
