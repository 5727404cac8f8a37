import { signAccessToken, type SigningKeyStore, type Viewer } from '@supergraph/service-kit';
import type { DemoLogin } from './demo/dataset.ts';
import { DEMO_PASSWORD } from './demo/dataset.ts';

export const SAMPLE_QUERY = `query MyProfile {
  me {
    customerNumber
    firstName
    lastName
    email
    store { name currency }
    addresses { line1 city country }
    orderCount
    orders(first: 10) {
      edges {
        node {
          orderNumber
          status
          totalCents
          currency
          items { name quantity unitPriceCents }
          payments { status amountCents }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
    metrics { totalOrders totalSpentCents averageOrderValueCents }
  }
}`;

/**
 * The order flow to paste into Sandbox: run PlaceOrder, put the order id in the variables as
 * `orderId`, run PayOrder, then CheckOrder (the order is CONFIRMED and the metrics count it).
 */
export const sampleOrderFlow = (menuItemId: string, idempotencySuffix: string) => `mutation PlaceOrder {
  placeOrder(input: {
    items: [{ menuItemId: "${menuItemId}", quantity: 2 }]
    deliveryAddress: { line1: "1 Via Roma", city: "Napoli", postalCode: "80100", country: "IT" }
    idempotencyKey: "sandbox-order-${idempotencySuffix}"
  }) { id orderNumber status totalCents currency }
}

mutation PayOrder($orderId: ID!) {
  payOrder(input: { orderId: $orderId, paymentMethodToken: "tok_visa", idempotencyKey: "sandbox-payment-${idempotencySuffix}" }) {
    status amountCents currency method { brand last4 }
  }
}

query CheckOrder($orderId: ID!) {
  order(id: $orderId) { orderNumber status payments { status amountCents } }
  me { metrics { totalOrders totalSpentCents averageOrderValueCents } }
}`;

/**
 * A live subscription for the demo customer: every change to any of their orders, with fields of
 * every subgraph. In Sandbox it runs over WebSocket (graphql-ws) with the token in the connection
 * settings; from a terminal, curl speaks the multipart protocol Apollo Client's HttpLink uses.
 */
export const SAMPLE_SUBSCRIPTION = `subscription MyOrders {
  myOrderUpdates {
    orderNumber
    status
    updatedAt
    payments { status refundedCents }
    customer { firstName metrics { totalOrders } }
  }
}`;

/**
 * Signs the demo customer in through the gateway, as a client would. With `longLived` (development
 * only, DEMO_TOKEN_TTL_SECONDS), the token is then made again with the same claims and that
 * lifetime, by the identity provider's own key, so that it need not be pasted into Sandbox again
 * every 15 minutes.
 */
export async function demoToken(
  gatewayUrl: string,
  login: DemoLogin,
  longLived?: { keys: SigningKeyStore; ttlSeconds: number },
): Promise<{ email: string; token: string; expiresAt: string }> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation Login($input: LoginInput!) { login(input: $input) { token expiresAt } }',
      variables: { input: { storeSlug: login.storeSlug, email: login.email, password: DEMO_PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { login: { token: string; expiresAt: string } }; errors?: { message: string }[] };
  if (!body.data?.login) throw new Error(`The demo login failed: ${body.errors?.map((e) => e.message).join('; ')}`);
  if (!longLived) return { email: login.email, ...body.data.login };
  const claims = JSON.parse(Buffer.from(body.data.login.token.split('.')[1]!, 'base64url').toString()) as {
    sub: string;
    role: Viewer['role'];
    store: string;
    scope: string;
    iss: string;
    aud: string;
  };
  const viewer: Viewer = {
    accountId: claims.sub,
    role: claims.role,
    storeId: claims.store,
    scopes: claims.scope.split(' ').filter(Boolean),
  };
  const signed = await signAccessToken(viewer, longLived.keys.signing, {
    issuer: claims.iss,
    audience: claims.aud,
    ttlSeconds: longLived.ttlSeconds,
  });
  return { email: login.email, token: signed.token, expiresAt: signed.expiresAt.toISOString() };
}

/** What a person needs to start exploring, printed once the platform is up. */
export function banner(options: {
  gatewayUrl: string;
  /** Where operators read /metrics and /ready in detail (one listener, or one per process). */
  operations: string;
  /** The reference web app, when `npm start` serves it. */
  webUrl?: string;
  mode: string;
  logins: DemoLogin[];
  token?: { email: string; token: string; expiresAt: string };
  orderFlow?: string;
}): string {
  const { gatewayUrl, logins, token } = options;
  const store = logins[0]?.storeSlug;
  const lines = [
    '',
    `supergraph is running (${options.mode}).`,
    '',
    `  Gateway:  ${gatewayUrl}`,
    '            Open it in a browser for Apollo Sandbox. Subgraphs answer only requests that come through the gateway.',
    `  Metrics:  ${options.operations} (Prometheus /metrics and /ready in detail, for operators; not on the public port)`,
    ...(options.webUrl
      ? [
          `  Web app:  ${options.webUrl}`,
          '            The reference app (apps/web): sign in as a customer to order and follow it live, as staff for the store board.',
        ]
      : []),
    '',
  ];
  if (logins.length > 0) {
    lines.push(`Demo logins for store "${store}" (password "${DEMO_PASSWORD}"; other stores: burger-barn, curry-corner):`);
    for (const login of logins.filter((l) => l.storeSlug === store)) lines.push(`  ${login.role.padEnd(8)} ${login.email}`);
    lines.push('');
  }
  if (token) {
    lines.push(
      `A bearer token for ${token.email} (valid until ${token.expiresAt}); in Sandbox, add it as a header:`,
      `  Authorization: Bearer ${token.token}`,
      '',
      'A sample query (paste it into Sandbox):',
      ...SAMPLE_QUERY.split('\n').map((l) => `  ${l}`),
      '',
      ...(options.orderFlow
        ? [
            'Then the order flow: run PlaceOrder, set the variables to { "orderId": "<its id>" }, run PayOrder, then CheckOrder:',
            ...options.orderFlow.split('\n').map((l) => `  ${l}`),
            '',
          ]
        : []),
      'Watch the orders live (Sandbox: run it as a subscription; in its connection settings, set the',
      `connection payload to { "authorization": "Bearer <the token>" }), then run the order flow in another tab:`,
      ...SAMPLE_SUBSCRIPTION.split('\n').map((l) => `  ${l}`),
      '',
      'Or from a terminal:',
      `  TOKEN=${token.token}`,
      `  curl -s ${gatewayUrl} -H 'content-type: application/json' \\`,
      `    -H "authorization: Bearer $TOKEN" \\`,
      `    -d '{"query":"{ me { firstName orders(first: 3) { edges { node { orderNumber status totalCents currency } } } } }"}'`,
      '  # and live, over multipart HTTP (one part per change; Ctrl+C to stop):',
      `  curl -sN ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
      `    -H 'accept: multipart/mixed;subscriptionSpec=1.0' \\`,
      `    -d '{"query":"subscription { myOrderUpdates { orderNumber status updatedAt } }"}'`,
      '',
    );
  }
  lines.push('Press Ctrl+C to stop.', '');
  return lines.join('\n');
}

/** A menu item of the demo customer's store, for the sample order flow. */
export async function firstMenuItem(gatewayUrl: string, storeSlug: string): Promise<string | undefined> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'query ($slug: String!) { store(slug: $slug) { menu { id } } }', variables: { slug: storeSlug } }),
  });
  const body = (await response.json()) as { data?: { store: { menu: { id: string }[] } | null } };
  return body.data?.store?.menu[0]?.id;
}
