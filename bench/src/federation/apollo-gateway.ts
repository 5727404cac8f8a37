import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

// Contender "apollo": stock @apollo/gateway and Apollo Server, as the public benchmark runs them
// (a static supergraph and the standalone server, nothing else). They have no read-merging.
const env = process.env;
const gateway = new ApolloGateway({ supergraphSdl: readFileSync(env.BENCH_SUPERGRAPH_PATH!, 'utf8') });
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(env.BENCH_PORT) } });
console.log(JSON.stringify({ ready: url }));
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
