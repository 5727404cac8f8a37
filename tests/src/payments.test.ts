import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAYMENT_FIELDS, startTestPlatform, type TestPlatform } from './harness/index.ts';

let platform: TestPlatform;
let customer: { id: string; token: string };
let staff: string;
beforeAll(async () => {
  platform = await startTestPlatform();
  customer = await platform.register('napoli');
  staff = await platform.login('staff@napoli.example');
});
afterAll(() => platform?.stop());

const orderStatus = async (orderId: string) =>
  (await platform.gql<{ order: { status: string } }>('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, customer.token))
    .data?.order.status;

const REFUND = `mutation ($input: RefundPaymentInput!) { refundPayment(input: $input) { ${PAYMENT_FIELDS} refunds { amountCents reason } } }`;
const refund = (paymentId: string, amountCents: number, token = staff, idempotencyKey: string = randomUUID()) =>
  platform.gql<{ refundPayment: Record<string, any> }>(
    REFUND,
    { input: { paymentId, amountCents, reason: 'test', idempotencyKey } },
    token,
  );

describe('payOrder', () => {
  test('charges exactly the order total, stores only brand and last four, and confirms the order', async () => {
    const order = await platform.placeOrder(customer.token, { quantity: 3 });
    const result = await platform.payOrder(customer.token, order.id, 'tok_mastercard');
    expect(result.errors).toBeUndefined();
    expect(result.data?.payOrder).toMatchObject({
      status: 'SUCCEEDED',
      amountCents: order.totalCents,
      refundedCents: 0,
      currency: 'EUR',
      failureReason: null,
      method: { brand: 'mastercard', last4: '4444' },
    });
    await platform.settle();
    expect(await orderStatus(order.id)).toBe('CONFIRMED');
    const read: any = await platform.gql(
      'query ($id: ID!) { order(id: $id) { payments { id status } } }',
      { id: order.id },
      customer.token,
    );
    expect(read.data.order.payments).toEqual([{ id: result.data!.payOrder.id, status: 'SUCCEEDED' }]);
  });

  test('20 concurrent requests with one key: one payment, 20 identical answers', async () => {
    const order = await platform.placeOrder(customer.token);
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 20 }, () => platform.payOrder(customer.token, order.id, 'tok_visa', key)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    const answers = new Set(results.map((r) => JSON.stringify(r.data)));
    expect(answers.size).toBe(1);
    expect(results[0]!.data?.payOrder.status).toBe('SUCCEEDED');
    const list: any = await platform.gql('query ($id: ID!) { order(id: $id) { payments { id } } }', { id: order.id }, customer.token);
    expect(list.data.order.payments).toHaveLength(1);
  });

  test('a payment left in flight by a request that died is finished, once, by a retry with its key', async () => {
    const order = await platform.placeOrder(customer.token);
    await platform.settle();
    const key = randomUUID();
    // What a request leaves behind when its process is killed between recording the payment and its outcome.
    const requestHash = createHash('sha256')
      .update(JSON.stringify([order.id, 'tok_visa']))
      .digest('hex');
    await platform.databases.payments.execute(sql`
      insert into payments.payments (order_id, customer_id, store_id, amount_cents, currency, status, method_brand, method_last4, idempotency_key, request_hash)
      select order_id, customer_id, store_id, amount_cents, currency, 'PENDING', 'visa', '4242', ${key}, ${requestHash}
      from payments.order_records where order_id = ${order.id}`);
    const retries = await Promise.all([1, 2, 3].map(() => platform.payOrder(customer.token, order.id, 'tok_visa', key)));
    for (const r of retries) expect(r.errors).toBeUndefined();
    expect(new Set(retries.map((r) => r.data!.payOrder.id)).size).toBe(1);
    expect(retries[0]!.data?.payOrder).toMatchObject({ status: 'SUCCEEDED', amountCents: order.totalCents });
    await platform.settle();
    expect(await orderStatus(order.id)).toBe('CONFIRMED');
    // One outcome recorded, one event: the order was confirmed once.
    const events = await platform.databases.payments.execute(
      sql`select count(*)::int as n from payments.outbox_events where aggregate_id = ${retries[0]!.data!.payOrder.id}`,
    );
    expect(((events as unknown as { rows?: { n: number }[] }).rows ?? (events as unknown as { n: number }[]))[0]!.n).toBe(1);
  });

  test('the same key with different input is a CONFLICT; an order cannot be paid twice', async () => {
    const [first, second] = [await platform.placeOrder(customer.token), await platform.placeOrder(customer.token)];
    const key = randomUUID();
    expect((await platform.payOrder(customer.token, first.id, 'tok_visa', key)).data?.payOrder.status).toBe('SUCCEEDED');
    const reused = await platform.payOrder(customer.token, second.id, 'tok_visa', key);
    expect(reused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const twice = await platform.payOrder(customer.token, first.id, 'tok_visa');
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test.each([
    ['tok_chargeDeclined', 'The card was declined.'],
    ['tok_insufficientFunds', 'The card has insufficient funds.'],
    ['tok_processingError', 'The payment provider had a temporary problem. Please try again.'],
  ])('%s fails with its reason, and a new key can retry', async (card, reason) => {
    const order = await platform.placeOrder(customer.token);
    const key = randomUUID();
    const failed = await platform.payOrder(customer.token, order.id, card, key);
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.payOrder).toMatchObject({ status: 'FAILED', failureReason: reason });
    // The same key answers the same, without charging again.
    expect((await platform.payOrder(customer.token, order.id, card, key)).data).toEqual(failed.data);
    await platform.settle();
    expect(await orderStatus(order.id)).toBe('PENDING_PAYMENT');
    const retry = await platform.payOrder(customer.token, order.id, 'tok_visa');
    expect(retry.data?.payOrder.status).toBe('SUCCEEDED');
  });

  test("bad input and other people's orders are refused, and nothing is charged", async () => {
    const order = await platform.placeOrder(customer.token);
    const other = await platform.register('napoli');
    const cases: [string, Promise<any>, string][] = [
      ['unknown token', platform.payOrder(customer.token, order.id, 'tok_unknown'), 'BAD_USER_INPUT'],
      ['short key', platform.payOrder(customer.token, order.id, 'tok_visa', 'abc'), 'BAD_USER_INPUT'],
      ['malformed order id', platform.payOrder(customer.token, 'nope', 'tok_visa'), 'BAD_USER_INPUT'],
      ['unknown order', platform.payOrder(customer.token, randomUUID(), 'tok_visa'), 'NOT_FOUND'],
      ["another customer's order", platform.payOrder(other.token, order.id, 'tok_visa'), 'FORBIDDEN'],
      ['staff paying', platform.payOrder(staff, order.id, 'tok_visa'), 'FORBIDDEN'],
      ['anonymous', platform.payOrder('', order.id, 'tok_visa'), 'UNAUTHENTICATED'],
    ];
    for (const [name, pending, code] of cases) {
      const result = await pending;
      expect(result.errors?.[0]?.extensions?.code, name).toBe(code);
    }
    const read: any = await platform.gql('query ($id: ID!) { order(id: $id) { payments { id } } }', { id: order.id }, customer.token);
    expect(read.data.order.payments).toEqual([]);
  });
});

describe('refundPayment', () => {
  test('partial then full: statuses follow, refunds never exceed the capture', async () => {
    const order = await platform.placeOrder(customer.token, { quantity: 2 });
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    const part = await refund(payment.id, 100);
    expect(part.data?.refundPayment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: 100 });
    const tooMuch = await refund(payment.id, payment.amountCents);
    expect(tooMuch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMuch.errors?.[0]?.message).toContain(String(payment.amountCents - 100));
    const rest = await refund(payment.id, payment.amountCents - 100);
    expect(rest.data?.refundPayment).toMatchObject({ status: 'REFUNDED', refundedCents: payment.amountCents });
    expect(rest.data?.refundPayment.refunds.map((r: any) => r.amountCents)).toEqual([100, payment.amountCents - 100]);
    expect((await refund(payment.id, 1)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test('two concurrent refunds that together exceed the capture: exactly one succeeds', async () => {
    const order = await platform.placeOrder(customer.token, { quantity: 2 });
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    const amount = Math.ceil(payment.amountCents * 0.6);
    const results = await Promise.all([refund(payment.id, amount), refund(payment.id, amount)]);
    expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(1);
    const read: any = await platform.gql(
      'query ($id: ID!) { payment(id: $id) { refundedCents status } }',
      { id: payment.id },
      customer.token,
    );
    expect(read.data.payment).toEqual({ refundedCents: amount, status: 'PARTIALLY_REFUNDED' });
  });

  test('idempotent per key; a reused key with another amount is a CONFLICT', async () => {
    const order = await platform.placeOrder(customer.token);
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    const key = randomUUID();
    const once = await refund(payment.id, 50, staff, key);
    const again = await refund(payment.id, 50, staff, key);
    expect(again.data).toEqual(once.data);
    expect(again.data?.refundPayment.refundedCents).toBe(50);
    expect((await refund(payment.id, 60, staff, key)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  test("only staff and admins of the payment's store may refund", async () => {
    const order = await platform.placeOrder(customer.token);
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    const otherStore = await platform.login('admin@burgerbarn.example', 'burger-barn');
    const driver = await platform.login('driver@napoli.example');
    expect((await refund(payment.id, 10, customer.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await refund(payment.id, 10, driver)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await refund(payment.id, 10, otherStore)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await platform.login('admin@napoli.example');
    expect((await refund(payment.id, 10, admin)).data?.refundPayment.refundedCents).toBe(10);
  });

  test('cancelling a paid order refunds it in full, automatically', async () => {
    const order = await platform.placeOrder(customer.token);
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    await platform.settle();
    const cancelled: any = await platform.gql(
      'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status cancelReason } }',
      { input: { orderId: order.id, reason: 'Ordered by mistake' } },
      customer.token,
    );
    expect(cancelled.data.cancelOrder).toEqual({ status: 'CANCELLED', cancelReason: 'Ordered by mistake' });
    await platform.settle();
    const read: any = await platform.gql(
      `query ($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} refunds { amountCents reason } } }`,
      { id: payment.id },
      customer.token,
    );
    expect(read.data.payment).toMatchObject({
      status: 'REFUNDED',
      refundedCents: payment.amountCents,
      refunds: [{ amountCents: payment.amountCents, reason: 'Order cancelled' }],
    });
  });

  test("a staff refund keyed like the system's own cancellation refund does not collide with it, and payments keep flowing", async () => {
    // Staff refund part with the very key the system uses for the refund of a cancelled order.
    const order = await platform.placeOrder(customer.token, { quantity: 2 });
    const payment = (await platform.payOrder(customer.token, order.id)).data!.payOrder;
    await platform.settle();
    expect((await refund(payment.id, 100, staff, 'order-cancelled')).errors).toBeUndefined();
    await platform.gql(
      'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
      { input: { orderId: order.id } },
      customer.token,
    );
    await platform.settle();

    const read: any = await platform.gql(
      `query ($id: ID!) { payment(id: $id) { ${PAYMENT_FIELDS} refunds { amountCents reason } } }`,
      { id: payment.id },
      customer.token,
    );
    expect(read.data.payment).toMatchObject({ status: 'REFUNDED', refundedCents: payment.amountCents });
    expect(read.data.payment.refunds).toEqual(
      expect.arrayContaining([
        { amountCents: 100, reason: 'test' },
        { amountCents: payment.amountCents - 100, reason: 'Order cancelled' },
      ]),
    );
    // The consumer is not stuck: a new order is known to payments and can be paid.
    const next = await platform.placeOrder(customer.token);
    expect((await platform.payOrder(customer.token, next.id)).data?.payOrder.status).toBe('SUCCEEDED');
    expect(await platform.events.payments!.consumer('payments').lag()).toBe(0);
  });

  test('a cancelled order cannot be paid', async () => {
    const order = await platform.placeOrder(customer.token);
    await platform.gql(
      'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
      { input: { orderId: order.id } },
      customer.token,
    );
    await platform.settle();
    const result = await platform.payOrder(customer.token, order.id);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'CANCELLED' });
  });
});

describe('reading payments', () => {
  test('Customer.payments pages newest first; drivers see none', async () => {
    const buyer = await platform.register('napoli');
    for (let i = 0; i < 3; i += 1) await platform.payOrder(buyer.token, (await platform.placeOrder(buyer.token)).id);
    const page: any = await platform.gql(
      '{ me { payments(first: 2) { edges { node { status order { id } } } pageInfo { hasNextPage } } } }',
      {},
      buyer.token,
    );
    expect(page.data.me.payments.edges).toHaveLength(2);
    expect(page.data.me.payments.pageInfo.hasNextPage).toBe(true);
    const driver = await platform.login('driver@napoli.example');
    const denied: any = await platform.gql(
      'query ($id: ID!) { customer(id: $id) { payments { edges { cursor } } } }',
      { id: buyer.id },
      driver,
    );
    expect(denied.errors.map((e: any) => e.extensions.code)).toContain('FORBIDDEN');
  });
});
