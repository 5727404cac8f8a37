import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchCustomer, BenchStaff } from './callers.ts';

/** One request, ready to send: whose it is, its JSON body, and where the direct baseline replays its plan. */
export interface Call {
  /** The caller's access token; none for an anonymous request (no Authorization header). */
  token?: string;
  body: string;
  /** The captured plan of this very request at the direct-baseline server (reads only). */
  directPath?: string;
}

/** Carried from one request of a connection's sequence to the next (the placed order for its payment). */
export type Carry = Record<string, unknown>;

/** A kind of request in a workload's sequence; `next` picks the caller and variables for the next one. */
export interface Step {
  next: (carry: Carry) => Call | null;
  onResponse?: (body: string, carry: Carry) => void;
}

export interface Workload {
  name: string;
  /** What one connection sends, in order, again and again. */
  sequence: Step[];
  /** Every distinct read request of the workload, for the direct baseline to capture (none for writes). */
  reads?: { key: string; call: Call }[];
}

const STEP_NAMES = ['customer-profile', 'staff-customers', 'place-order', 'pay-order'] as const;
type StepName = (typeof STEP_NAMES)[number];

/** Takes the next variant each time, shared by all connections, so neighbours in time are different requests. */
function rotating(name: string, variants: Call[]): Step & { reads: { key: string; call: Call }[] } {
  let i = 0;
  const reads = variants.map((call, v) => ({ key: `${name}/${v}`, call: { ...call, directPath: `/${name}/${v}` } }));
  return { reads, next: () => reads[i++ % reads.length]!.call };
}

/** Builds the four workloads from the files in bench/workloads, for the given callers. */
export function loadWorkloads(dir: string, callers: { customers: BenchCustomer[]; staff: BenchStaff[] }): Workload[] {
  const file = (name: string) => readFileSync(join(dir, name), 'utf8');
  const profile = rotating(
    'customer-profile',
    callers.customers.map((c) => ({ token: c.token, body: JSON.stringify({ query: file('1-customer-profile.graphql') }) })),
  );
  const staffQuery = file('2-staff-customers.graphql');
  const staff = rotating(
    'staff-customers',
    callers.staff.flatMap((s) =>
      s.cursors.map((after) => ({ token: s.token, body: JSON.stringify({ query: staffQuery, variables: { after } }) })),
    ),
  );

  const writes = file('3-place-and-pay.graphql');
  let nextCustomer = 0;
  const placeOrder: Step = {
    next: (carry) => {
      const customer = callers.customers[nextCustomer++ % callers.customers.length]!;
      carry.customer = customer;
      delete carry.orderId;
      const input = {
        items: [{ menuItemId: customer.menuItemId, quantity: 1 }],
        deliveryAddress: customer.address,
        idempotencyKey: randomUUID(),
      };
      return { token: customer.token, body: JSON.stringify({ query: writes, operationName: 'PlaceOrder', variables: { input } }) };
    },
    onResponse: (body, carry) => {
      carry.orderId = (JSON.parse(body) as { data?: { placeOrder?: { id: string } } }).data?.placeOrder?.id;
    },
  };
  const payOrder: Step = {
    // Without a placed order there is nothing to pay: start the sequence again (the failed placeOrder was counted).
    next: (carry) => {
      if (typeof carry.orderId !== 'string') return null;
      const input = { orderId: carry.orderId, paymentMethodToken: 'tok_visa', idempotencyKey: randomUUID() };
      return {
        token: (carry.customer as BenchCustomer).token,
        body: JSON.stringify({ query: writes, operationName: 'PayOrder', variables: { input } }),
      };
    },
  };

  const steps: Record<StepName, Step> = {
    'customer-profile': profile,
    'staff-customers': staff,
    'place-order': placeOrder,
    'pay-order': payOrder,
  };
  const mixed = JSON.parse(file('4-mixed.json')) as { sequence: string[] };
  const unknown = mixed.sequence.filter((s) => !STEP_NAMES.includes(s as StepName));
  if (unknown.length > 0) throw new Error(`4-mixed.json names unknown requests: ${unknown.join(', ')} (known: ${STEP_NAMES.join(', ')}).`);

  return [
    { name: 'customer-profile', sequence: [profile], reads: profile.reads },
    { name: 'staff-customers', sequence: [staff], reads: staff.reads },
    { name: 'place-and-pay', sequence: [placeOrder, payOrder] },
    { name: 'mixed', sequence: mixed.sequence.map((s) => steps[s as StepName]) },
  ];
}
