import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import postgres from 'postgres';
import { describe, expect, test } from 'vitest';
import { databasePerSubgraph, SUBGRAPHS } from './harness/cluster.ts';
import {
  gqlAt,
  natsAnswers,
  platformPorts,
  processesMarked,
  runScript,
  skippedBecause,
  until,
  type GraphQLResponse,
} from './harness/index.ts';

/**
 * A database per subgraph, as a team that outgrew one machine would deploy it: four PostgreSQL
 * databases, each owned by a login role of its own that may connect to it and to nothing else,
 * events on NATS JetStream, and `npm start -- --separate`. Each service process is given its own
 * database's URL and no other (the gateway none); the end-to-end flows run through the gateway:
 * orders placed, paid, confirmed by event, accepted, one cancelled and refunded by event, and
 * the store's analytics move by exactly those orders.
 */
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS = { host: '127.0.0.1', port: 4222 };

async function postgresAnswers(url: string): Promise<boolean> {
  const db = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await db`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await db.end({ timeout: 1 });
  }
}

const natsUp = await natsAnswers(NATS.host, NATS.port);
const postgresUp = await postgresAnswers(SERVER);
const why = !postgresUp
  ? `PostgreSQL is not reachable at ${new URL(SERVER).host}`
  : `NATS with JetStream is not reachable at ${NATS.host}:${NATS.port}`;

describe.skipIf(!natsUp || !postgresUp)(
  `each subgraph its own database, events on NATS${skippedBecause((!natsUp || !postgresUp) && why)}`,
  () => {
    test('four databases no service can cross: the services start, order, pay, confirm, cancel and refund, and analytics is exact', async () => {
      const tag = randomBytes(4).toString('hex');
      const databases = await databasePerSubgraph(tag);
      const { names, urlOf } = databases;
      const marker = randomUUID();
      const stream = `db-per-subgraph-${tag}`;
      const ports = await platformPorts();
      let run: ReturnType<typeof runScript> | undefined;
      try {
        // No role reaches another's database.
        for (const [i, subgraph] of SUBGRAPHS.entries()) {
          const other = SUBGRAPHS[(i + 1) % SUBGRAPHS.length]!;
          const crossing = postgres(urlOf(names[subgraph], names[other]), { max: 1, onnotice: () => {} });
          await expect(crossing`select 1`).rejects.toThrow(/permission denied/);
          await crossing.end({ timeout: 1 });
        }

        run = runScript('platform/src/start.ts', ['--separate'], {
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          WEB_APP: 'false',
          ...databases.env,
          EVENTS_TRANSPORT: 'nats',
          NATS_URL: `nats://${NATS.host}:${NATS.port}`,
          NATS_STREAM: stream,
          NATS_SUBJECT_PREFIX: stream,
          SUPERGRAPH_TEST_RUN: marker,
          ...ports.env,
        });
        const started = run;
        await until(
          () => started.output().includes('Press Ctrl+C') || started.child.exitCode !== null,
          180_000,
          'the platform to start',
          started.output,
        );
        expect(run.child.exitCode, run.output()).toBeNull();

        // Each service process names its own database and no other; the gateway names none.
        const processes = processesMarked(marker).map((pid) => ({
          command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '),
          env: readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0'),
        }));
        const databaseSettings = (env: string[]) =>
          env.filter((line) => /^([A-Z]+_)?DATABASE_URL=/.test(line)).map((line) => line.split('=')[0]);
        for (const subgraph of SUBGRAPHS) {
          const child = processes.find((p) => p.command.includes(`subgraphs/${subgraph}`));
          expect(child, `the ${subgraph} process`).toBeDefined();
          expect(databaseSettings(child!.env)).toEqual([`${subgraph.toUpperCase()}_DATABASE_URL`]);
        }
        const gateway = processes.find((p) => /\bgateway\b/.test(p.command) && !p.command.includes('subgraphs/'));
        expect(gateway, 'the gateway process').toBeDefined();
        expect(databaseSettings(gateway!.env)).toEqual([]);

        const url = `http://127.0.0.1:${ports.gateway}/graphql`;
        const call = (query: string, variables: Record<string, unknown> = {}, token?: string) => gqlAt(url, query, variables, token);
        const login = async (email: string) =>
          (
            await call('mutation ($i: LoginInput!) { login(input: $i) { token } }', {
              i: { storeSlug: 'napoli', email, password: 'supergraph-demo' },
            })
          ).data.login.token as string;
        const ada = await login('ada@napoli.example');
        const staff = await login('staff@napoli.example');
        const figures = async () =>
          (await call('{ store(slug: "napoli") { analytics { orderCount revenueCents refundedCents } } }', {}, staff)).data.store
            .analytics as { orderCount: number; revenueCents: number; refundedCents: number };
        const before = await figures();
        const menu = (await call('{ store(slug: "napoli") { menu { id available } } }')).data.store.menu as {
          id: string;
          available: boolean;
        }[];
        const item = menu.find((m) => m.available)!;

        const statusOf = async (orderId: string) =>
          (await call('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, ada)).data.order.status as string;
        /** Places and pays one order; payments learns of it by event, so NOT_FOUND means "not yet". */
        const placeAndPay = async (quantity: number) => {
          const placed = await call(
            'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id totalCents } }',
            {
              input: {
                items: [{ menuItemId: item.id, quantity }],
                deliveryAddress: { line1: '1 Test Street', city: 'Napoli', postalCode: '80100', country: 'IT' },
                idempotencyKey: randomUUID(),
              },
            },
            ada,
          );
          expect(placed.errors).toBeUndefined();
          const order = placed.data.placeOrder as { id: string; totalCents: number };
          const input = { orderId: order.id, paymentMethodToken: 'tok_visa', idempotencyKey: randomUUID() };
          let paid: GraphQLResponse<any> | undefined;
          await until(
            async () => {
              paid = await call('mutation ($input: PayOrderInput!) { payOrder(input: $input) { id status amountCents } }', { input }, ada);
              return paid.errors?.[0]?.extensions?.code !== 'NOT_FOUND';
            },
            20_000,
            'payments to learn of the order',
          );
          expect(paid!.errors).toBeUndefined();
          expect(paid!.data.payOrder.status).toBe('SUCCEEDED');
          await until(async () => (await statusOf(order.id)) === 'CONFIRMED', 20_000, 'the order to be confirmed');
          return { ...order, paymentId: paid!.data.payOrder.id as string };
        };

        const kept = await placeAndPay(2);
        const accepted = await call(
          'mutation ($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { status } }',
          { input: { orderId: kept.id, status: 'ACCEPTED' } },
          staff,
        );
        expect(accepted.data.updateOrderStatus.status).toBe('ACCEPTED');

        const cancelled = await placeAndPay(1);
        const cancel = await call(
          'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
          { input: { orderId: cancelled.id } },
          ada,
        );
        expect(cancel.data.cancelOrder.status).toBe('CANCELLED');
        // orders → NATS → payments refunds it (its own database), and analytics counts both.
        await until(
          async () =>
            (await call('query ($id: ID!) { payment(id: $id) { refundedCents } }', { id: cancelled.paymentId }, ada)).data.payment
              .refundedCents === cancelled.totalCents,
          20_000,
          'payments to refund the cancelled order',
        );
        await until(
          async () => {
            const now = await figures();
            return now.orderCount === before.orderCount + 2 && now.refundedCents === before.refundedCents + cancelled.totalCents;
          },
          20_000,
          'analytics to count both orders',
        );
        const after = await figures();
        expect(after).toEqual({
          orderCount: before.orderCount + 2,
          revenueCents: before.revenueCents + kept.totalCents,
          refundedCents: before.refundedCents + cancelled.totalCents,
        });

        await run.stop();
        await until(() => processesMarked(marker).length === 0, 15_000, 'every service to stop');
      } finally {
        if (run && run.child.exitCode === null) run.child.kill('SIGKILL');
        const nats = await connect({ servers: `nats://${NATS.host}:${NATS.port}` });
        await (await jetstreamManager(nats)).streams.delete(stream).catch(() => {});
        await nats.close();
        await databases.drop();
      }
    }, 300_000);
  },
);
