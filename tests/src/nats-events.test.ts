import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { formatParked, listParked, retryParked } from '@supergraph/platform';
import { appliedEventsRetention, consumerTables, type NatsEventLog } from '@supergraph/service-kit';
import {
  createIsolatedDatabase,
  following,
  gqlAt,
  metric,
  natsAnswers,
  PAYMENT_FIELDS,
  platformPorts,
  processesMarked,
  runScript,
  skippedBecause,
  startTestPlatform,
  until,
  watch,
  wsClient,
  type TestPlatform,
} from './harness/index.ts';

/**
 * Events on NATS JetStream (EVENTS_TRANSPORT=nats): the platform runs its end-to-end flows with
 * every event going outbox → JetStream → durable consumers, and the faults JetStream is there to
 * absorb: a relay that published and crashed before marking (the second publish is dropped by its
 * message id), an acknowledgement that never came (the events come again, and change nothing), an
 * event a consumer cannot apply (parked while the rest flows), a replay from the stream, and live
 * subscriptions following the stream.
 *
 * The machine's NATS (127.0.0.1:4222) is used with a stream and subjects of this run only, deleted after.
 */
const NATS = { host: '127.0.0.1', port: 4222 };

const reachable = await natsAnswers(NATS.host, NATS.port);

const METRICS =
  'metrics { totalOrders completedOrders cancelledOrders totalSpentCents averageOrderValueCents currency firstOrderAt lastOrderAt }';
const STORE_FIGURES = `{ store(slug: "curry-corner") { analytics { revenueCents refundedCents orderCount ordersByStatus { status count } averageOrderValueCents newCustomers currency } }
  customers(first: 100) { edges { node { id ${METRICS} } } } }`;

describe.skipIf(!reachable)(
  `events on NATS JetStream${skippedBecause(!reachable && `NATS with JetStream is not reachable at ${NATS.host}:${NATS.port}: start it as the developers' guide says`)}`,
  () => {
    const run = randomUUID().slice(0, 8);
    const stream = `supergraph-test-${run}`;
    const prefix = `supergraph-test.${run}`;
    let platform: TestPlatform;
    let nc: NatsConnection;
    let jsm: JetStreamManager;
    let staff: string;
    let driver: string;
    const customers: { id: string; token: string }[] = [];

    beforeAll(async () => {
      nc = await connect({ servers: `${NATS.host}:${NATS.port}` });
      jsm = await jetstreamManager(nc);
      platform = await startTestPlatform({
        env: {
          EVENTS_TRANSPORT: 'nats',
          NATS_URL: `nats://${NATS.host}:${NATS.port}`,
          NATS_STREAM: stream,
          NATS_SUBJECT_PREFIX: prefix,
          NATS_DUPLICATE_WINDOW_SECONDS: '600',
          NATS_ACK_WAIT_SECONDS: '2',
          // Quick backoff, so a failing event is parked within a test.
          EVENTS_MAX_ATTEMPTS: '3',
          EVENTS_RETRY_BASE_MS: '100',
        },
      });
      staff = await platform.login('staff@currycorner.example', 'curry-corner');
      driver = await platform.login('driver@currycorner.example', 'curry-corner');
    }, 120_000);
    afterAll(async () => {
      await platform?.stop();
      await jsm?.streams.delete(stream).catch(() => {});
      await nc?.close();
    });

    const log = () => platform.eventLog as NatsEventLog;
    const analytics = () => platform.events.analytics!.consumer('analytics');
    const consumers = () => Object.values(platform.events).flatMap((runtime) => runtime!.consumers);
    const streamState = async () => (await jsm.streams.info(stream)).state;
    /** Rows of a query on a subgraph's database (PGlite answers `{ rows }`, postgres.js an array). */
    async function rows<T>(subgraph: keyof TestPlatform['databases'], query: ReturnType<typeof sql>): Promise<T[]> {
      const result = (await platform.databases[subgraph].execute(query)) as unknown as { rows?: T[] } & T[];
      return result.rows ?? result;
    }
    const move = (token: string, orderId: string, status: string) =>
      platform.gql(
        'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { status } }',
        { input: { orderId, status } },
        token,
      );
    const refund = (paymentId: string, amountCents: number) =>
      platform.gql(
        `mutation ($input: RefundPaymentInput!) { refundPayment(input: $input) { ${PAYMENT_FIELDS} } }`,
        { input: { paymentId, amountCents, idempotencyKey: randomUUID() } },
        staff,
      );
    const metricsOf = async (token: string) =>
      (await platform.gql<{ me: { metrics: Record<string, unknown> } }>(`{ me { ${METRICS} } }`, {}, token)).data!.me.metrics;

    interface OrderNode {
      id: string;
      status: string;
      currency: string;
      createdAt: string;
      payments: { status: string; amountCents: number; refundedCents: number }[];
    }
    const ordersOf = async (token: string) =>
      (
        await platform.gql<{ me: { orders: { edges: { node: OrderNode }[] } } }>(
          '{ me { orders(first: 100) { edges { node { id status currency createdAt payments { status amountCents refundedCents } } } } } }',
          {},
          token,
        )
      ).data!.me.orders.edges.map((e) => e.node);
    /** What the metrics must be, computed from the customer's orders and payments (not from analytics), as in analytics.test.ts. */
    async function groundTruth(token: string) {
      const orders = await ordersOf(token);
      const captured = (o: OrderNode) => o.payments.filter((p) => ['SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'].includes(p.status));
      const spent = orders.reduce((sum, o) => sum + captured(o).reduce((s, p) => s + p.amountCents - p.refundedCents, 0), 0);
      const paidOrders = orders.filter((o) => captured(o).length > 0).length;
      const times = orders.map((o) => o.createdAt).sort();
      return {
        totalOrders: orders.length,
        completedOrders: orders.filter((o) => o.status === 'DELIVERED').length,
        cancelledOrders: orders.filter((o) => o.status === 'CANCELLED').length,
        totalSpentCents: spent,
        averageOrderValueCents: paidOrders > 0 ? Math.round(spent / paidOrders) : 0,
        currency: orders[0]?.currency ?? null,
        firstOrderAt: times[0] ?? null,
        lastOrderAt: times.at(-1) ?? null,
      };
    }
    async function paid(token: string, quantity = 1) {
      const order = await platform.placeOrder(token, { storeSlug: 'curry-corner', quantity });
      const payment = (await platform.payOrder(token, order.id)).data!.payOrder;
      expect(payment.status).toBe('SUCCEEDED');
      return { order, payment };
    }

    test('the stream is created with its limits, the demo data went through it, and no subgraph has an event-log schema', async () => {
      const info = await jsm.streams.info(stream);
      expect(info.config.subjects).toEqual([`${prefix}.>`]);
      expect(info.config.discard).toBe('new');
      expect(info.config.duplicate_window).toBe(600 * 1_000_000_000);
      expect(info.config.max_age).toBe(0);
      // The demo data (stores, accounts, orders, payments) travelled as events on their subjects.
      expect(info.state.messages).toBeGreaterThan(0);
      const subjects = await jsm.streams.info(stream, { subjects_filter: `${prefix}.>` });
      expect(Object.keys(subjects.state.subjects ?? {}).sort()).toEqual(
        expect.arrayContaining([`${prefix}.Customer`, `${prefix}.Order`, `${prefix}.Payment`]),
      );
      // Every consumer is a durable JetStream consumer with explicit acknowledgement, caught up.
      for (const consumer of consumers()) {
        const ci = await jsm.consumers.info(stream, consumer.name);
        expect(ci.config.ack_policy).toBe('explicit');
        expect(ci.num_pending + ci.num_ack_pending).toBe(0);
      }
      // With NATS, no subgraph needs the shared PostgreSQL event log: its schema was never made.
      for (const subgraph of ['customers', 'orders', 'payments', 'analytics'] as const) {
        expect(await rows(subgraph, sql`select 1 from information_schema.schemata where schema_name = 'eventbus'`)).toEqual([]);
      }
    });

    test('orders placed, paid, confirmed, delivered, cancelled and refunded: analytics equals the ground truth', async () => {
      const customer = await platform.register('curry-corner');
      customers.push(customer);
      const delivered = await paid(customer.token, 2);
      await platform.settle();
      expect((await ordersOf(customer.token)).find((o) => o.id === delivered.order.id)?.status).toBe('CONFIRMED');
      for (const [token, status] of [
        [staff, 'ACCEPTED'],
        [staff, 'PREPARING'],
        [driver, 'OUT_FOR_DELIVERY'],
        [driver, 'DELIVERED'],
      ] as const) {
        expect((await move(token, delivered.order.id, status)).errors).toBeUndefined();
      }
      const partlyRefunded = await paid(customer.token, 3);
      expect((await refund(partlyRefunded.payment.id, 500)).errors).toBeUndefined();
      const cancelledPaid = await paid(customer.token);
      await platform.settle();
      expect((await move(customer.token, cancelledPaid.order.id, 'CANCELLED')).errors).toBeUndefined();
      const cancelledUnpaid = await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' });
      expect((await move(customer.token, cancelledUnpaid.id, 'CANCELLED')).errors).toBeUndefined();
      await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' }); // never paid
      await platform.settle();

      const orders = await ordersOf(customer.token);
      // Cancelling a paid order refunded it, through events (orders → payments).
      expect(orders.find((o) => o.id === cancelledPaid.order.id)?.payments).toEqual([
        { status: 'REFUNDED', amountCents: cancelledPaid.payment.amountCents, refundedCents: cancelledPaid.payment.amountCents },
      ]);
      const truth = await groundTruth(customer.token);
      expect(truth).toMatchObject({ totalOrders: 5, completedOrders: 1, cancelledOrders: 2 });
      expect(await metricsOf(customer.token)).toEqual(truth);
    });

    test('a relay that published and crashed before marking publishes again: JetStream drops the copies by event id, and each is applied once', async () => {
      const customer = await platform.register('curry-corner');
      customers.push(customer);
      const { order } = await paid(customer.token);
      await platform.settle();
      const before = await streamState();
      const dropped = log().duplicatesDropped;
      // The state a crash between publish and marking leaves: the order's events in the stream, unmarked in the outbox.
      const unmarked = await rows<{ id: string }>(
        'orders',
        sql`update orders.outbox_events set published_at = null where aggregate_id = ${order.id} returning id`,
      );
      expect(unmarked.length).toBeGreaterThanOrEqual(2); // placed, confirmed
      await platform.settle();
      // Published again (the relay marks only after JetStream acknowledged), and dropped as copies.
      expect(
        await rows('orders', sql`select id from orders.outbox_events where aggregate_id = ${order.id} and published_at is null`),
      ).toEqual([]);
      expect(log().duplicatesDropped - dropped).toBe(unmarked.length);
      expect((await streamState()).messages).toBe(before.messages);
      expect((await streamState()).last_seq).toBe(before.last_seq);
      expect(await metricsOf(customer.token)).toEqual(await groundTruth(customer.token));
      expect((await metricsOf(customer.token)).totalOrders).toBe(1);
      const [applied] = await rows<{ n: number | string }>(
        'analytics',
        sql`select count(*) as n from analytics.applied_events where event_id in (select (jsonb_array_elements_text(${JSON.stringify(unmarked.map((u) => u.id))}::jsonb))::uuid)`,
      );
      expect(Number(applied!.n)).toBe(unmarked.length);
    });

    test('acknowledgements withheld after the projection committed: JetStream delivers the events again, and they change nothing', async () => {
      const customer = await platform.register('curry-corner');
      customers.push(customer);
      const original = log().commit.bind(log());
      let withheld = 0;
      // As if analytics' acknowledgements were lost each time after its transaction committed.
      const spy = vi.spyOn(log(), 'commit').mockImplementation(async (consumer, position) => {
        if (consumer === 'analytics') {
          withheld += 1;
          return;
        }
        return original(consumer, position);
      });
      // Batch by batch by hand: a running consumer whose every acknowledgement is lost would read the same events for ever.
      await analytics().stop();
      try {
        await paid(customer.token);
        await platform.settle(); // everyone but analytics
        expect(await analytics().step()).toBe(true);
        // Applied (the projection committed), but not acknowledged: JetStream still counts them as pending.
        expect((await metricsOf(customer.token)).totalOrders).toBe(1);
        expect(withheld).toBeGreaterThan(0);
        expect((await jsm.consumers.info(stream, 'analytics')).num_ack_pending).toBeGreaterThan(0);
        // The next read gets them again, and the consumer skips them as applied.
        const before = withheld;
        expect(await analytics().step()).toBe(true);
        expect(withheld).toBeGreaterThan(before);
        // JetStream counts them as delivered again (and still unacknowledged).
        expect((await jsm.consumers.info(stream, 'analytics')).num_redelivered).toBeGreaterThan(0);
        expect((await metricsOf(customer.token)).totalOrders).toBe(1);
      } finally {
        spy.mockRestore();
        analytics().start();
      }
      await platform.settle();
      const info = await jsm.consumers.info(stream, 'analytics');
      expect(info.num_redelivered).toBe(0);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
      expect(await metricsOf(customer.token)).toEqual(await groundTruth(customer.token));
      expect((await metricsOf(customer.token)).totalOrders).toBe(1);
    });

    test('an event analytics cannot apply is parked while the others flow, and applied after a fix', async () => {
      const poisoned = await platform.register('curry-corner');
      customers.push(poisoned);
      const uuid = /^[0-9a-f-]{36}$/.test(poisoned.id) ? poisoned.id : 'invalid';
      await platform.databases.analytics.execute(
        sql.raw(`
        create function analytics.refuse_nats_customer() returns trigger language plpgsql as $$
        begin
          if new.customer_id = '${uuid}' then raise exception 'orders of customer % are refused by a test constraint', new.customer_id; end if;
          return new;
        end $$`),
      );
      await platform.databases.analytics.execute(
        sql`create trigger refuse_nats_customer before insert on analytics.order_facts for each row execute function analytics.refuse_nats_customer()`,
      );
      try {
        const order = await platform.placeOrder(poisoned.token, { storeSlug: 'curry-corner' });
        await platform.settle();
        const other = await platform.register('curry-corner');
        customers.push(other);
        await paid(other.token);
        await platform.settle();
        expect((await metricsOf(other.token)).totalOrders).toBe(1);

        const until = Date.now() + 20_000;
        while ((await analytics().parkedCounts()).parked < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 1, held: 0 });
        const listed = await listParked(consumers());
        expect(listed.map((p) => [p.consumer, p.event.type, p.event.aggregateId, p.state, p.attempts])).toEqual([
          ['analytics', 'OrderPlaced', order.id, 'parked', 3],
        ]);
        // Its position is the stream sequence of the event.
        expect(listed[0]!.event.position).toBeGreaterThan(0);
        expect(listed[0]!.event.position).toBeLessThanOrEqual((await streamState()).last_seq);
        expect(formatParked(listed)).toContain(`analytics: OrderPlaced ${listed[0]!.event.id}, parked`);
        // Parked, not pending: the stream's consumer is caught up.
        expect(await analytics().lag()).toBe(0);
        expect(await metric(platform, 'event_consumer_parked_events', 'analytics')).toBeGreaterThanOrEqual(1);

        await platform.databases.analytics.execute(sql`drop trigger refuse_nats_customer on analytics.order_facts`);
        const fixed = await retryParked(consumers(), listed[0]!.event.id);
        expect(fixed.ok).toBe(true);
        expect(await analytics().parkedCounts()).toEqual({ retrying: 0, parked: 0, held: 0 });
        expect(await metricsOf(poisoned.token)).toEqual(await groundTruth(poisoned.token));
        expect((await metricsOf(poisoned.token)).totalOrders).toBe(1);
      } finally {
        await platform.databases.analytics.execute(sql`drop trigger if exists refuse_nats_customer on analytics.order_facts`);
        await platform.databases.analytics.execute(sql`drop function if exists analytics.refuse_nats_customer`);
      }
    });

    test('a replay rebuilds analytics from the stream: the same figures', async () => {
      await platform.settle();
      const incremental = await platform.gql(STORE_FIGURES, {}, staff);
      expect(incremental.errors).toBeUndefined();
      const [facts] = await rows<{ n: number | string }>('analytics', sql`select count(*) as n from analytics.order_facts`);
      expect(Number(facts!.n)).toBeGreaterThan(0);
      await analytics().replay();
      await platform.settle();
      expect(await platform.gql(STORE_FIGURES, {}, staff)).toEqual(incremental);
      const [again] = await rows<{ n: number | string }>('analytics', sql`select count(*) as n from analytics.order_facts`);
      expect(Number(again!.n)).toBe(Number(facts!.n));
      for (const customer of customers) expect(await metricsOf(customer.token)).toEqual(await groundTruth(customer.token));
      // The durable consumer was made again from the stream's first event and has read it all.
      expect(await analytics().lag()).toBe(0);
    });

    test.skipIf(process.env.DATABASE_URL === undefined)(
      'npm run events:replay rebuilds analytics from the stream in a process of its own (on PostgreSQL only: skipped on the in-memory embedded database)',
      async () => {
        await platform.settle();
        const incremental = await platform.gql(STORE_FIGURES, {}, staff);
        await analytics().stop();
        try {
          const replay = runScript('platform/src/replay.ts', ['--consumer', 'analytics'], { ...platform.settings, LOG_LEVEL: 'info' });
          expect(await replay.exited, replay.output()).toBe(0);
          expect(replay.output()).toContain('projection rebuilt from the whole event log');
        } finally {
          analytics().start();
        }
        await platform.settle();
        expect(await platform.gql(STORE_FIGURES, {}, staff)).toEqual(incremental);
        expect(await analytics().lag()).toBe(0);
      },
      60_000,
    );

    test('a live subscription (orderUpdated) follows the order through the stream', async () => {
      const customer = await platform.register('curry-corner');
      const order = await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' });
      await platform.settle();
      const client = wsClient(platform.gatewayUrl, customer.token);
      const before = await metric(platform, 'subscriptions_following');
      const live = watch<{ orderUpdated: { id: string; status: string } }>(
        client,
        'subscription ($id: ID!) { orderUpdated(orderId: $id) { id status } }',
        { id: order.id },
      );
      await following(platform, before + 1);
      expect((await platform.payOrder(customer.token, order.id)).errors).toBeUndefined();
      await platform.settle();
      for (const [token, status] of [
        [staff, 'ACCEPTED'],
        [staff, 'PREPARING'],
        [driver, 'OUT_FOR_DELIVERY'],
        [driver, 'DELIVERED'],
      ] as const) {
        expect((await move(token, order.id, status)).errors).toBeUndefined();
      }
      await live.ended;
      expect(live.failure).toBeUndefined();
      expect(live.events.map((e) => e.data?.orderUpdated.status)).toEqual([
        'CONFIRMED',
        'ACCEPTED',
        'PREPARING',
        'OUT_FOR_DELIVERY',
        'DELIVERED',
      ]);
      await client.dispose();
    });

    test('retention asks the stream which applied-event records may go: those of events acknowledged, and nothing comes again', async () => {
      await platform.settle();
      const figures = await platform.gql(STORE_FIGURES, {}, staff);
      const [kept] = await rows<{ n: number | string }>('analytics', sql`select count(*) as n from analytics.applied_events`);
      // An event analytics read and has not acknowledged: its record must stay.
      await analytics().stop();
      const customer = await platform.register('curry-corner');
      await paid(customer.token);
      await platform.settle();
      expect(await analytics().step()).toBe(true);
      const original = log().commit.bind(log());
      const spy = vi
        .spyOn(log(), 'commit')
        .mockImplementation(async (consumer, position) => (consumer === 'analytics' ? undefined : original(consumer, position)));
      let removed: number;
      try {
        const pendingBefore = (await jsm.consumers.info(stream, 'analytics')).num_ack_pending;
        expect(pendingBefore).toBe(0); // step() acknowledged its batch
        await platform.payOrder(customer.token, (await platform.placeOrder(customer.token, { storeSlug: 'curry-corner' })).id);
        await platform.settle();
        expect(await analytics().step()).toBe(true); // applied, acknowledgement withheld
        expect((await jsm.consumers.info(stream, 'analytics')).num_ack_pending).toBeGreaterThan(0);
        // Analytics' own retention task, as its subgraph runs it, a year from now, when every record is older than 30 days
        // (the platform's whole retention would stop at the audit logs, which refuse a clock that jumps).
        const task = appliedEventsRetention(
          platform.databases.analytics,
          consumerTables(pgSchema('analytics')),
          'analytics',
          ['analytics'],
          log(),
          30,
        );
        removed = await task.run(new Date(Date.now() + 400 * 86_400_000));
      } finally {
        spy.mockRestore();
        analytics().start();
      }
      expect(removed).toBeGreaterThanOrEqual(Number(kept!.n));
      const [left] = await rows<{ n: number | string }>('analytics', sql`select count(*) as n from analytics.applied_events`);
      expect(Number(left!.n)).toBeGreaterThan(0); // the unacknowledged events' records stayed
      await platform.settle();
      expect(await analytics().lag()).toBe(0);
      expect(await metricsOf(customer.token)).toEqual(await groundTruth(customer.token));
      expect((await metricsOf(customer.token)).totalOrders).toBe(2);
      const after = await platform.gql(STORE_FIGURES, {}, staff);
      expect(after.errors).toBeUndefined();
      expect(figures.errors).toBeUndefined();
    });

    test.skipIf(process.env.DATABASE_URL === undefined)(
      'npm start -- --separate on NATS: each service its own process, an order paid is confirmed and counted across processes, and no eventbus schema exists (PostgreSQL only)',
      async () => {
        const database = await createIsolatedDatabase(process.env.DATABASE_URL!, 'supergraph_nats_separate');
        const marker = randomUUID();
        const ports = await platformPorts();
        const separateStream = `${stream}-separate`;
        const run = runScript('platform/src/start.ts', ['--separate'], {
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          WEB_APP: 'false',
          DATABASE_URL: database.url,
          EVENTS_TRANSPORT: 'nats',
          NATS_URL: `nats://${NATS.host}:${NATS.port}`,
          NATS_STREAM: separateStream,
          NATS_SUBJECT_PREFIX: `${prefix}-separate`,
          SUPERGRAPH_TEST_RUN: marker,
          ...ports.env,
        });
        try {
          await until(
            () => run.output().includes('Press Ctrl+C') || run.child.exitCode !== null,
            150_000,
            'the platform to start',
            run.output,
          );
          expect(run.child.exitCode, run.output()).toBeNull();
          const url = `http://127.0.0.1:${ports.gateway}/graphql`;
          const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gqlAt(url, query, variables, token);
          const token = (
            await call('mutation ($i: LoginInput!) { login(input: $i) { token } }', {
              i: { storeSlug: 'napoli', email: 'ada@napoli.example', password: 'supergraph-demo' },
            })
          ).data.login.token as string;
          const totalOrders = async () =>
            (await call('{ me { metrics { totalOrders } } }', {}, token)).data.me.metrics.totalOrders as number;
          const before = await totalOrders();
          const menu = (await call('{ store(slug: "napoli") { menu { id } } }')).data.store.menu as { id: string }[];
          const placed = await call(
            'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
            {
              input: {
                items: [{ menuItemId: menu[0]!.id, quantity: 1 }],
                deliveryAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '12345', country: 'IT' },
                idempotencyKey: randomUUID(),
              },
            },
            token,
          );
          const orderId = placed.data.placeOrder.id as string;
          const paidNow = await call(
            'mutation ($input: PayOrderInput!) { payOrder(input: $input) { status } }',
            { input: { orderId, paymentMethodToken: 'tok_visa', idempotencyKey: randomUUID() } },
            token,
          );
          expect(paidNow.data.payOrder.status).toBe('SUCCEEDED');
          // payments → JetStream → orders (another process) confirms it; orders and payments → analytics counts it.
          const statusOf = async () =>
            (await call('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, token)).data.order.status;
          await until(async () => (await statusOf()) === 'CONFIRMED', 20_000, 'the order to be confirmed');
          await until(async () => (await totalOrders()) === before + 1, 20_000, 'analytics to count the order');
          const db = postgres(database.url, { max: 1, onnotice: () => {} });
          try {
            const [schemas] = await db<
              { n: number }[]
            >`select count(*)::int as n from information_schema.schemata where schema_name = 'eventbus'`;
            expect(schemas!.n).toBe(0);
          } finally {
            await db.end();
          }
          run.child.kill('SIGTERM');
          await run.exited;
          await until(() => processesMarked(marker).length === 0, 15_000, 'every service to stop');
        } finally {
          if (run.child.exitCode === null) run.child.kill('SIGKILL');
          await jsm.streams.delete(separateStream).catch(() => {});
          await database.drop();
        }
      },
      240_000,
    );
  },
);
