import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Cluster, clusterUnavailable, startCluster } from './harness/cluster.ts';
import { gqlAt, metric, until, watch, wsClient, type GraphQLResponse, type Watched } from './harness/index.ts';

/**
 * Replicas that agree, and faults they survive. The distributed layout as processes: a database per
 * subgraph, events on NATS JetStream, limits in Redis, two replicas each of customers, orders and
 * payments, one of analytics, and two gateways (gateway 1 in front of the first replica of each
 * subgraph, gateway 2 of the second). Customers place, pay (the same payment sent through both
 * gateways at once) and cancel orders through either gateway, concurrently, and follow their
 * orders live on both. After the traffic (and after each fault: NATS restarted, an orders replica
 * SIGKILLed, Redis gone) the ground truth is read from each subgraph's own database and compared:
 * every order in one consistent state across orders, payments and analytics, each charged once,
 * every event applied exactly once, and each subscriber told of each change of its orders once.
 */
const why = await clusterUnavailable();

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalCents } }';
const PAY = 'mutation ($input: PayOrderInput!) { payOrder(input: $input) { id status amountCents } }';
const CANCEL = 'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }';
const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { token } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';
const FIGURES = '{ store(slug: "napoli") { id analytics { orderCount revenueCents refundedCents } } }';
const MY_ORDERS = 'subscription { myOrderUpdates { id status } }';

interface Customer {
  email: string;
  token: string;
  /** The customer's id (the token's subject). */
  id: string;
  /** One live subscription on each gateway. */
  watchers: Watched<{ myOrderUpdates: { id: string; status: string } }>[];
}

const codeOf = (r: GraphQLResponse<unknown>) => r.errors?.[0]?.extensions?.code;
const subjectOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers that say the request was not carried out and may be sent again (as a client would, with the same key). */
const TRANSIENT = new Set([undefined, 'SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR', 'GATEWAY_TIMEOUT']);

describe.skipIf(why !== undefined)(`replicas over four databases, NATS and Redis${why ? ` (skipped, because ${why})` : ''}`, () => {
  let cluster: Cluster;
  let menuItemId: string;
  let staffToken: string;
  const customers: Customer[] = [];
  /** Every order the traffic placed. */
  const placed = new Set<string>();
  /** Order lives run to their end. */
  let finished = 0;
  const gatewayUrl = (i: number) => cluster.gateways[i % cluster.gateways.length]!.url;
  const pickGateway = () => gatewayUrl(Math.floor(Math.random() * cluster.gateways.length));

  /** Sends a mutation until it gets a definitive answer, switching gateways after a transient failure. */
  async function until2xx<T>(query: string, variables: Record<string, unknown>, token: string, first = pickGateway(), retryOn = TRANSIENT) {
    let url = first;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await gqlAt<T>(url, query, variables, token).catch(
        () => ({ status: 0, data: undefined, errors: undefined }) as GraphQLResponse<T>,
      );
      const failed = answer.status === 0 || (answer.errors && retryOn.has(codeOf(answer)));
      if (!failed || attempt >= 150) return answer;
      url = pickGateway();
      await sleep(200);
    }
  }

  /** One order's life: placed, paid (the same payment through both gateways at once), and in some cases cancelled. */
  async function orderLife(customer: Customer, fate: 'keep' | 'cancel-after-pay' | 'cancel-racing-pay') {
    const placedAnswer = await until2xx<{ placeOrder: { id: string } }>(
      PLACE,
      {
        input: {
          items: [{ menuItemId, quantity: 1 + Math.floor(Math.random() * 3) }],
          deliveryAddress: { line1: '1 Replica Road', city: 'Napoli', postalCode: '80100', country: 'IT' },
          idempotencyKey: randomUUID(),
        },
      },
      customer.token,
    );
    expect(placedAnswer.errors, JSON.stringify(placedAnswer.errors)).toBeUndefined();
    const orderId = placedAnswer.data!.placeOrder.id;
    placed.add(orderId);
    const pay = { input: { orderId, paymentMethodToken: 'tok_visa', idempotencyKey: randomUUID() } };
    // Payments learns of the order by event: NOT_FOUND means not yet.
    const retryPay = new Set([...TRANSIENT, 'NOT_FOUND']);
    const payBoth = () =>
      Promise.all(
        cluster.gateways.map((g) => until2xx<{ payOrder: { id: string; status: string } }>(PAY, pay, customer.token, g.url, retryPay)),
      );
    const cancel = () => until2xx<{ cancelOrder: { status: string } }>(CANCEL, { input: { orderId } }, customer.token);
    if (fate === 'cancel-racing-pay') {
      const [payments, cancelled] = await Promise.all([payBoth(), cancel()]);
      expect(cancelled.errors, JSON.stringify(cancelled.errors)).toBeUndefined();
      // Either the payment won (and is refunded by event) or the cancellation did (CONFLICT: not waiting for payment).
      for (const p of payments) if (p.errors) expect(codeOf(p), JSON.stringify(p.errors)).toBe('CONFLICT');
      finished += 1;
      return;
    }
    const payments = await payBoth();
    for (const p of payments) expect(p.errors, JSON.stringify(p.errors)).toBeUndefined();
    // The same key through both gateways, at once: one payment.
    expect(new Set(payments.map((p) => p.data!.payOrder.id)).size).toBe(1);
    expect(payments[0]!.data!.payOrder.status).toBe('SUCCEEDED');
    if (fate === 'cancel-after-pay') {
      const cancelled = await cancel();
      expect(cancelled.errors, JSON.stringify(cancelled.errors)).toBeUndefined();
    }
    finished += 1;
  }

  /** Every customer places `perCustomer` orders at once, a third of each fate. */
  const traffic = (perCustomer: number) =>
    Promise.all(
      customers.flatMap((c) =>
        Array.from({ length: perCustomer }, (_, i) => orderLife(c, (['keep', 'cancel-after-pay', 'cancel-racing-pay'] as const)[i % 3]!)),
      ),
    );

  /** What each database says, and every way they disagree (empty when all is consistent and every event has arrived). */
  async function disagreements(): Promise<string[]> {
    const problems: string[] = [];
    const orders = cluster.databases.inspect('orders');
    const payments = cluster.databases.inspect('payments');
    const analytics = cluster.databases.inspect('analytics');
    try {
      const storeId = (await gqlAt(gatewayUrl(0), FIGURES, {}, staffToken)).data?.store?.id as string;
      for (const [name, db] of [
        ['orders', orders],
        ['payments', payments],
      ] as const) {
        const [{ n }] = (await db.unsafe(`select count(*)::int as n from ${name}.outbox_events where published_at is null`)) as [
          { n: number },
        ];
        if (n > 0) problems.push(`${name}: ${n} events not yet published`);
      }
      const orderRows = (await orders.unsafe('select id::text, status, total_cents::int as total from orders.orders where store_id = $1', [
        storeId,
      ])) as unknown as { id: string; status: string; total: number }[];
      const paid = new Map<string, { charged: number; refunded: number; live: number }>();
      for (const p of (await payments.unsafe(
        `select order_id::text as id, status::text, amount_cents::int as amount, refunded_cents::int as refunded from payments.payments where store_id = $1`,
        [storeId],
      )) as unknown as { id: string; status: string; amount: number; refunded: number }[]) {
        const entry = paid.get(p.id) ?? { charged: 0, refunded: 0, live: 0 };
        if (p.status !== 'FAILED' && p.status !== 'PENDING') entry.charged += p.amount;
        if (p.status !== 'FAILED') entry.live += 1;
        entry.refunded += p.refunded;
        paid.set(p.id, entry);
      }
      const facts = new Map(
        (
          (await analytics.unsafe(
            'select order_id::text as id, status, total_cents::int as total, paid_cents::int as paid, refunded_cents::int as refunded from analytics.order_facts where store_id = $1',
            [storeId],
          )) as unknown as { id: string; status: string; total: number; paid: number; refunded: number }[]
        ).map((f) => [f.id, f]),
      );
      const truth = { orderCount: 0, revenueCents: 0, refundedCents: 0 };
      for (const order of orderRows) {
        const money = paid.get(order.id) ?? { charged: 0, refunded: 0, live: 0 };
        truth.orderCount += 1;
        truth.revenueCents += money.charged - money.refunded;
        truth.refundedCents += money.refunded;
        if (!placed.has(order.id)) continue;
        // One consistent end: confirmed and paid once, or cancelled with nothing kept.
        if (money.live > 1) problems.push(`order ${order.id} has ${money.live} payments`);
        if (order.status === 'CONFIRMED' && (money.charged !== order.total || money.refunded !== 0))
          problems.push(`order ${order.id} is CONFIRMED with ${money.charged} charged and ${money.refunded} refunded of ${order.total}`);
        if (order.status === 'CANCELLED' && money.charged !== money.refunded)
          problems.push(`order ${order.id} is CANCELLED with ${money.charged} charged and ${money.refunded} refunded`);
        if (order.status !== 'CONFIRMED' && order.status !== 'CANCELLED') problems.push(`order ${order.id} is still ${order.status}`);
        const fact = facts.get(order.id);
        if (!fact) problems.push(`analytics has no order ${order.id}`);
        else if (
          fact.status !== order.status ||
          fact.total !== order.total ||
          fact.paid !== money.charged ||
          fact.refunded !== money.refunded
        )
          problems.push(
            `analytics has order ${order.id} as ${JSON.stringify(fact)}, the subgraphs as ${JSON.stringify({ status: order.status, total: order.total, ...money })}`,
          );
      }
      if (facts.size !== orderRows.length) problems.push(`analytics has ${facts.size} orders of the store, orders ${orderRows.length}`);
      for (const [i] of cluster.gateways.entries()) {
        const figures = (await gqlAt(gatewayUrl(i), FIGURES, {}, staffToken)).data?.store?.analytics;
        if (JSON.stringify(figures) !== JSON.stringify(truth))
          problems.push(`gateway ${i + 1} shows ${JSON.stringify(figures)}; the subgraphs' own data says ${JSON.stringify(truth)}`);
      }
      // Each subscriber, on either gateway, was told of each change of its orders once.
      const changes = new Map(
        (
          (await orders.unsafe(
            `select aggregate_id as id, count(*)::int as n from orders.outbox_events where aggregate_type = 'Order' and type in ('OrderPlaced', 'OrderStatusChanged', 'OrderCancelled') group by aggregate_id`,
          )) as unknown as { id: string; n: number }[]
        ).map((r) => [r.id, r.n]),
      );
      for (const customer of customers) {
        for (const [g, watcher] of customer.watchers.entries()) {
          if (watcher.failure)
            problems.push(`${customer.email}'s subscription on gateway ${g + 1} failed: ${JSON.stringify(watcher.failure)}`);
          const told = new Map<string, number>();
          for (const e of watcher.events) {
            const id = e.data?.myOrderUpdates.id;
            if (id) told.set(id, (told.get(id) ?? 0) + 1);
          }
          for (const [id, n] of told)
            if (changes.get(id) !== n)
              problems.push(
                `${customer.email} was told of order ${id} ${n} times on gateway ${g + 1}, it changed ${changes.get(id)} times`,
              );
          const mine = [...placed].filter((id) => orderRows.some((o) => o.id === id)).filter((id) => !told.has(id));
          for (const id of mine)
            if ((await orders.unsafe('select customer_id::text as c from orders.orders where id = $1', [id]))[0]?.c === customer.id)
              problems.push(`${customer.email} was never told of order ${id} on gateway ${g + 1}`);
        }
      }
    } finally {
      await Promise.all([orders.end(), payments.end(), analytics.end()]);
    }
    return problems;
  }

  /** Waits until the databases agree (events still travelling is not a disagreement yet), then asserts they do. */
  async function agreed(timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    let problems = await disagreements();
    while (problems.length > 0 && Date.now() < deadline) {
      await sleep(500);
      problems = await disagreements();
    }
    expect(problems).toEqual([]);
  }

  beforeAll(async () => {
    cluster = await startCluster({
      replicas: { customers: 2, orders: 2, payments: 2, analytics: 1 },
      gateways: 2,
      env: {
        LOGIN_ATTEMPTS_PER_ACCOUNT: '4',
        REGISTRATIONS_PER_ADDRESS: '1000',
        LOGIN_ATTEMPTS_PER_ADDRESS: '1000',
        // An event a killed replica had read and not acknowledged comes again after this.
        NATS_ACK_WAIT_SECONDS: '5',
        PAYMENTS_ORDER_WAIT_MS: '300',
      },
    });
    const login = async (email: string) =>
      (await gqlAt(gatewayUrl(0), LOGIN, { input: { storeSlug: 'napoli', email, password: 'supergraph-demo' } })).data.login
        .token as string;
    staffToken = await login('staff@napoli.example');
    const menu = (await gqlAt(gatewayUrl(0), '{ store(slug: "napoli") { menu { id available } } }')).data.store.menu as {
      id: string;
      available: boolean;
    }[];
    menuItemId = menu.find((m) => m.available)!.id;
    for (let i = 0; i < 6; i += 1) {
      const email = `replica-${i}-${randomUUID().slice(0, 8)}@example.com`;
      const registered = await gqlAt(gatewayUrl(i), REGISTER, {
        input: { storeSlug: 'napoli', email, password: 'correct horse battery', firstName: 'Rep', lastName: `Lica ${i}` },
      });
      expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
      const token = registered.data.register.token as string;
      const watchers = cluster.gateways.map((g) =>
        watch<{ myOrderUpdates: { id: string; status: string } }>(wsClient(g.url, token), MY_ORDERS),
      );
      customers.push({ email, token, id: subjectOf(token), watchers });
    }
    // Both subscriptions of every customer are served before any order is placed.
    await until(
      async () => {
        const served = await Promise.all(
          [...cluster.replicas.orders].map(async (r) => {
            const text = await (await fetch(`${r.operationsUrl}/metrics`)).text();
            return Number(/^graphql_subscriptions_active\{[^}]*\}\s+(\d+)/m.exec(text)?.[1] ?? 0);
          }),
        );
        return served.reduce((a, b) => a + b, 0) >= customers.length * 2;
      },
      30_000,
      'every subscription to be served',
    );
  }, 600_000);

  afterAll(async () => {
    for (const c of customers) for (const w of c.watchers) w.stop();
    await cluster?.stop();
  });

  test('concurrent place, pay and cancel through two gateways: one state per order, charged once, every event once', async () => {
    await traffic(6);
    expect(placed.size).toBe(customers.length * 6);
    await agreed();
    // Not vacuous: every subscriber heard of its own orders' changes (placed, and confirmed or cancelled, at least).
    for (const c of customers) for (const w of c.watchers) expect(w.events.length).toBeGreaterThanOrEqual(6 * 2);
  }, 300_000);

  test('failed sign-ins are throttled across the customers replicas (counted in Redis)', async () => {
    const email = customers[0]!.email;
    const outcomes: (string | undefined)[] = [];
    for (let i = 0; i < 6; i += 1)
      outcomes.push(codeOf(await gqlAt(gatewayUrl(i), LOGIN, { input: { storeSlug: 'napoli', email, password: 'not the password' } })));
    expect(outcomes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOO_MANY_REQUESTS',
      'TOO_MANY_REQUESTS',
    ]);
  }, 60_000);

  test('NATS restarted mid-traffic: nothing lost, nothing applied twice', async () => {
    const before = { placed: placed.size, done: finished };
    const running = traffic(4);
    // Orders are being placed, and most of their lives wait for OrderPlaced to reach payments.
    await until(() => placed.size > before.placed, 30_000, 'the first order to be placed');
    await cluster.nats.kill();
    let extra: Promise<void> | undefined;
    try {
      expect(finished - before.done, 'order lives over before NATS went').toBeLessThan(customers.length * 4);
      // What the orders replicas commit meanwhile waits in their outboxes, and operators see it there.
      extra = orderLife(customers[0]!, 'keep');
      await until(
        async () =>
          (await Promise.all(cluster.replicas.orders.map((r) => metric(r, 'outbox_unpublished_events')))).reduce((a, b) => a + b, 0) > 0,
        10_000,
        'the orders outboxes to show the events NATS could not take',
      );
      await sleep(1000);
    } finally {
      await cluster.nats.start();
    }
    await Promise.all([running, extra]);
    await agreed(120_000);
  }, 300_000);

  test('an orders replica killed (SIGKILL) inside a write transaction: its work is redone or was never done, never half', async () => {
    const victim = cluster.replicas.orders[0]!;
    const orders = cluster.databases.inspect('orders');
    try {
      const running = traffic(4);
      // The moment PostgreSQL shows the replica inside a transaction that has written something.
      let writing = false;
      const deadline = Date.now() + 30_000;
      while (!writing && Date.now() < deadline) {
        const rows = await orders`select 1 from pg_stat_activity where application_name = ${victim.label} and backend_xid is not null`;
        writing = rows.length > 0;
      }
      await victim.kill();
      try {
        expect(writing, 'the replica was seen inside a write transaction').toBe(true);
        await sleep(2000);
      } finally {
        await victim.restart();
      }
      await running;
      await agreed(120_000);
    } finally {
      await orders.end();
    }
  }, 300_000);

  test('Redis gone under traffic: sign-in refused (fail closed), orders and reads go on (fail open)', async () => {
    await cluster.redis.kill();
    try {
      const refused = await gqlAt(gatewayUrl(1), LOGIN, {
        input: { storeSlug: 'napoli', email: customers[1]!.email, password: 'correct horse battery' },
      });
      expect(codeOf(refused)).toBe('SERVICE_UNAVAILABLE');
      const figures = await gqlAt(gatewayUrl(0), FIGURES, {}, staffToken);
      expect(figures.errors).toBeUndefined();
      await traffic(2);
    } finally {
      await cluster.redis.start();
    }
    await agreed();
    // Back: sign-in works again.
    await until(
      async () =>
        codeOf(
          await gqlAt(gatewayUrl(0), LOGIN, {
            input: { storeSlug: 'napoli', email: customers[1]!.email, password: 'correct horse battery' },
          }),
        ) === undefined,
      20_000,
      'sign-in to work again once Redis is back',
    );
  }, 300_000);
});
