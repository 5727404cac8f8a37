import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestPlatform } from './platform.ts';

// What the data-rights tests (erasure, export) share: a person whose every identifying value
// carries one random tag, and a customer account with everything there is to export or erase.

/** A person whose every identifying value carries one random tag, so that one scan finds any of them. */
export function person() {
  const tag = randomBytes(5).toString('hex');
  return {
    tag,
    firstName: `Zelda${tag}`,
    lastName: `Quill${tag}`,
    email: `zelda.${tag}@example.com`,
    phone: `+1 555 ${randomInt(100_000_000, 999_999_999)}`,
    line1: `${randomInt(1, 999)} Forgetful Lane ${tag}`,
    line2: `Flat ${tag}`,
    password: `correct horse ${tag}`,
  };
}
export type Person = ReturnType<typeof person>;

export const ADDRESS = (p: Person) => ({ line1: p.line1, line2: p.line2, city: 'Napoli', postalCode: '80100', country: 'IT' });

/** Registers the person and gives them everything there is to erase; returns their ids and tokens. */
export async function customerWithHistory(platform: TestPlatform, staff: string, p: Person) {
  const registered: any = await platform.gql(
    'mutation ($input: RegisterInput!) { register(input: $input) { token refreshToken customer { id } } }',
    { input: { storeSlug: 'napoli', email: p.email, password: p.password, firstName: p.firstName, lastName: p.lastName, phone: p.phone } },
  );
  expect(registered.errors).toBeUndefined();
  const { token, refreshToken } = registered.data.register;
  const id = registered.data.register.customer.id as string;
  expect(
    (await platform.gql('mutation ($input: AddAddressInput!) { addAddress(input: $input) { id } }', { input: ADDRESS(p) }, token)).errors,
  ).toBeUndefined();
  // A failed sign-in names the email in the audit log; a good one records the client.
  await platform.gql('mutation ($input: LoginInput!) { login(input: $input) { token } }', {
    input: { storeSlug: 'napoli', email: p.email, password: 'not the password at all' },
  });
  await platform.login(p.email, 'napoli', p.password);

  const menu = await platform.menu('napoli');
  const place = async () => {
    const placed: any = await platform.gql(
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      {
        input: {
          items: [{ menuItemId: menu[0]!.id, quantity: 2 }],
          deliveryAddress: ADDRESS(p),
          idempotencyKey: `order-${p.tag}-${randomUUID()}`,
        },
      },
      token,
    );
    expect(placed.errors).toBeUndefined();
    return placed.data.placeOrder.id as string;
  };
  const pay = async (orderId: string) => {
    const paid = await platform.payOrder(token, orderId, 'tok_mastercard', `payment-${p.tag}-${randomUUID()}`);
    expect(paid.data?.payOrder.status).toBe('SUCCEEDED');
    return paid.data!.payOrder.id;
  };
  const kept = await place();
  const keptPayment = await pay(kept);
  const cancelled = await place();
  const cancelledPayment = await pay(cancelled);
  await platform.settle();
  // A partial refund by staff, and a cancellation whose note names the person (the refund follows by event).
  const refund: any = await platform.gql(
    'mutation ($input: RefundPaymentInput!) { refundPayment(input: $input) { id } }',
    { input: { paymentId: keptPayment, amountCents: 100, reason: 'Cold pizza', idempotencyKey: randomUUID() } },
    staff,
  );
  expect(refund.errors).toBeUndefined();
  const cancel: any = await platform.gql(
    'mutation ($input: CancelOrderInput!) { cancelOrder(input: $input) { status } }',
    { input: { orderId: cancelled, reason: `Please cancel, ${p.firstName} ${p.lastName} at ${p.line1}` } },
    token,
  );
  expect(cancel.data?.cancelOrder.status).toBe('CANCELLED');
  await platform.settle();
  return { id, token, refreshToken, orderIds: [kept, cancelled], paymentIds: [keptPayment, cancelledPayment] };
}
