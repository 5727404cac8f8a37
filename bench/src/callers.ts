import { signAccessToken, SigningKeyStore, type Viewer } from '@supergraph/service-kit';
import { demoToken } from '@supergraph/platform';
import { DEMO_SIZE, buildDataset, type DatasetSize } from '@supergraph/platform';

/** A signed-in customer of the demo data, with what placing an order needs. */
export interface BenchCustomer {
  accountId: string;
  storeId: string;
  token: string;
  menuItemId: string;
  address: { line1: string; city: string; postalCode: string; country: string };
}

/** Staff of one store, with cursors to start listing that store's customers at different places. */
export interface BenchStaff {
  storeId: string;
  token: string;
  /** `null` (the first page) and the cursors of the first customers, so each listing is a different request. */
  cursors: (string | null)[];
}

/**
 * Many different callers, so no two requests in flight are the same request and neither gateway
 * can answer several clients with one execution: what a real site with many users looks like.
 *
 * Only one customer per store has a demo password, so the other customers' tokens are made the
 * way the identity provider makes them: the same claims (role, store, scopes) as that customer's
 * token, another subject, signed by service-kit's `signAccessToken` with the same key. The gateways verify them against
 * the customers subgraph's JWKS like any other token.
 */
export async function benchCallers(options: {
  gatewayUrl: string;
  privateKeyPem: string;
  customers: number;
  staffVariants: number;
  size?: DatasetSize;
}) {
  const dataset = buildDataset(options.size ?? DEMO_SIZE);
  const stores = dataset.customers.stores;
  const keys = await SigningKeyStore.fromPem(options.privateKeyPem);

  const customerTemplates = new Map<string, string>();
  const staff: BenchStaff[] = [];
  for (const store of stores) {
    const customerLogin = dataset.logins.find((l) => l.role === 'CUSTOMER' && l.storeSlug === store.slug)!;
    customerTemplates.set(store.id, (await demoToken(options.gatewayUrl, customerLogin)).token);
    const staffLogin = dataset.logins.find((l) => l.role === 'STAFF' && l.storeSlug === store.slug)!;
    const token = (await demoToken(options.gatewayUrl, staffLogin)).token;
    const perStore = Math.ceil(options.staffVariants / stores.length);
    staff.push({ storeId: store.id, token, cursors: [null, ...(await customerCursors(options.gatewayUrl, token, perStore - 1))] });
  }

  const resign = async (template: string, accountId: string) => {
    const claims = JSON.parse(Buffer.from(template.split('.')[1]!, 'base64url').toString()) as {
      role: Viewer['role'];
      store: string;
      scope: string;
      iss: string;
      aud: string;
      iat: number;
      exp: number;
    };
    const viewer: Viewer = { accountId, role: claims.role, storeId: claims.store, scopes: claims.scope.split(' ').filter(Boolean) };
    const { token } = await signAccessToken(viewer, keys.signing, {
      issuer: claims.iss,
      audience: claims.aud,
      ttlSeconds: claims.exp - claims.iat,
    });
    return token;
  };

  // Customers taken from the stores in turn, so every store (and currency) is in the mix.
  const byStore = stores.map((s) => dataset.customers.accounts.filter((a) => a.role === 'CUSTOMER' && a.storeId === s.id));
  const customers: BenchCustomer[] = [];
  for (let i = 0; customers.length < options.customers; i += 1) {
    const account = byStore[i % stores.length]![Math.floor(i / stores.length)];
    if (!account) throw new Error(`The demo data has fewer than ${options.customers} customers.`);
    customers.push({
      accountId: account.id,
      storeId: account.storeId,
      token: await resign(customerTemplates.get(account.storeId)!, account.id),
      menuItemId: dataset.orders.menuItems.find((m) => m.storeId === account.storeId)!.id,
      address: account.address!,
    });
  }
  return { customers, staff };
}

async function customerCursors(gatewayUrl: string, token: string, count: number): Promise<string[]> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'query ($n: Int!) { customers(first: $n) { edges { cursor } } }', variables: { n: count } }),
  });
  const body = (await response.json()) as { data?: { customers: { edges: { cursor: string }[] } } };
  if (!body.data) throw new Error(`Listing customers as staff failed: ${JSON.stringify(body)}`);
  return body.data.customers.edges.map((e) => e.cursor);
}

/** A signed-in driver of each store of the demo data (drivers take orders out and deliver them), by store id. */
export async function benchDrivers(gatewayUrl: string, size: DatasetSize = DEMO_SIZE): Promise<Map<string, string>> {
  const dataset = buildDataset(size);
  const drivers = new Map<string, string>();
  for (const store of dataset.customers.stores) {
    const login = dataset.logins.find((l) => l.role === 'DRIVER' && l.storeSlug === store.slug)!;
    drivers.set(store.id, (await demoToken(gatewayUrl, login)).token);
  }
  return drivers;
}
