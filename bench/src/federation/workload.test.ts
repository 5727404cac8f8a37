import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubgraphs, type RunningSubgraphs } from './subgraph-server.ts';
import { composeFederation } from './subgraphs.ts';
import { EXPECTED_ANSWER, TEST_QUERY_BODY, checkAnswer, firstDifference } from './workload.ts';

// The federation scenario is not part of CI's benchmark run; this keeps its workload honest there:
// the four subgraphs compose, and stock @apollo/gateway over them gives TestQuery the public
// benchmark's answer, the one every contender is checked against before it is measured.

let subgraphs: RunningSubgraphs;
let server: ApolloServer;
let url: string;

beforeAll(async () => {
  subgraphs = await serveSubgraphs({ accounts: 0, inventory: 0, products: 0, reviews: 0 });
  server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composeFederation(subgraphs.urls) }) });
  ({ url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } }));
});
afterAll(async () => {
  await server?.stop();
  await subgraphs?.close();
});

describe('the federation scenario', () => {
  it('composes the four subgraphs, each routed to where it listens', () => {
    const supergraph = composeFederation(subgraphs.urls);

    for (const [name, at] of Object.entries(subgraphs.urls)) expect(supergraph).toContain(`@join__graph(name: "${name}", url: "${at}")`);
    expect(supergraph).toContain('shippingEstimate: Int @join__field(graph: INVENTORY, requires: "price weight")');
    expect(supergraph).toContain('author: User @join__field(graph: REVIEWS, provides: "username")');
  });

  it("answers TestQuery through stock @apollo/gateway with the public benchmark's answer", async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: TEST_QUERY_BODY });
    const text = await response.text();
    const answer = JSON.parse(text);

    expect(response.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.users).toHaveLength(6);
    expect(answer.data.topProducts.map((p: any) => p.name)).toEqual(['Table', 'Couch', 'Glass', 'Chair', 'TV']);
    expect(answer.data.users[0].reviews[0].product.reviews[0].author.reviews[1].product).toEqual({
      inStock: true,
      name: 'Table',
      price: 899,
      shippingEstimate: null,
      upc: '1',
      weight: 100,
    });
    expect(text.length).toBeGreaterThan(80_000);
    expect(firstDifference(EXPECTED_ANSWER, answer)).toBeNull();
    // Every subgraph took part: accounts and products at the root, reviews and inventory for entities.
    for (const count of Object.values(subgraphs.requests)) expect(count).toBeGreaterThan(0);
  });

  it('the check the benchmark makes passes on that answer and names where another one differs', async () => {
    const wrong = structuredClone(EXPECTED_ANSWER) as any;
    wrong.data.topProducts[4].reviews = null;

    expect(await checkAnswer(url)).toBeNull();
    expect(firstDifference(EXPECTED_ANSWER, wrong)).toBe('$.data.topProducts[4].reviews: expected [], got null');
  });
});
