import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestPlatform, type TestPlatform } from './testing.ts';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

test('the demo customer sees a profile composed from four subgraphs', async () => {
  const token = await platform.login('ada@napoli.example');
  const result = await platform.gql(
    `{ me { email firstName store { name currency menu { name } } orderCount orders(first: 2) { edges { node { orderNumber totalCents currency payments { id } } } pageInfo { hasNextPage } } payments { edges { node { id } } } metrics { totalOrders totalSpentCents } } }`,
    {},
    token,
  );
  console.log(JSON.stringify(result, null, 1));
  expect(result.errors).toBeUndefined();
});
