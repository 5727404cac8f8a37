import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAccessTokenKeys } from '@supergraph/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SIZE, startTestPlatform, type TestPlatform } from '@supergraph/tests/harness';
import { benchCallers } from './callers.ts';
import { loadScaleWorkloads, SCALE_QUERIES } from './scale/workload.ts';
import { loadWorkloads, type Carry, type Workload } from './workloads.ts';

// The benchmark is not part of CI; this keeps its workloads honest there: every request of every
// workload answers without errors through the real gateway, and the read workloads really are
// made of different requests (one caller's query repeated would measure merging, not the gateway).

const WORKLOADS_DIR = fileURLToPath(new URL('../workloads/', import.meta.url));
let platform: TestPlatform;
let workloads: Workload[];

beforeAll(async () => {
  const { privateKeyPem } = await generateAccessTokenKeys();
  platform = await startTestPlatform({ env: { AUTH_SIGNING_KEY: privateKeyPem } });
  const callers = await benchCallers({ gatewayUrl: platform.gatewayUrl, privateKeyPem, customers: 6, staffVariants: 6, size: TEST_SIZE });
  workloads = loadWorkloads(WORKLOADS_DIR, callers);
});
afterAll(() => platform?.stop());

/** Sends one pass of the workload's sequence, as one autocannon connection would. */
async function runOnce(workload: Workload) {
  const carry: Carry = {};
  const answers: { data?: Record<string, unknown>; errors?: unknown[] }[] = [];
  for (const step of workload.sequence) {
    const call = step.next(carry);
    if (!call) throw new Error(`${workload.name}: a step had nothing to send (the one before it failed)`);
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${call.token}` },
      body: call.body,
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    step.onResponse?.(text, carry);
    answers.push(JSON.parse(text) as (typeof answers)[number]);
  }
  return answers;
}

describe('benchmark workloads', () => {
  it('are the four the issue names, read from bench/workloads', () => {
    expect(workloads.map((w) => w.name)).toEqual(['customer-profile', 'staff-customers', 'place-and-pay', 'mixed']);
  });

  it('every request of every workload answers with data and no errors', async () => {
    for (const workload of workloads) {
      for (const answer of await runOnce(workload)) {
        expect(answer.errors, `${workload.name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
        expect(answer.data).toBeTruthy();
      }
    }
  });

  it('place-and-pay pays the very order it placed', async () => {
    const [placed, paid] = await runOnce(workloads.find((w) => w.name === 'place-and-pay')!);
    const order = placed!.data!.placeOrder as { id: string; totalCents: number; currency: string };
    const payment = paid!.data!.payOrder as { status: string; amountCents: number; order: { id: string } };
    expect(payment).toMatchObject({ status: 'SUCCEEDED', amountCents: order.totalCents, order: { id: order.id } });
  });

  it('the read workloads are made of different requests, so nothing can be merged', () => {
    for (const workload of workloads.filter((w) => w.reads)) {
      const reads = workload.reads!;
      expect(reads.length).toBeGreaterThanOrEqual(6);
      expect(new Set(reads.map((r) => `${r.call.token}\n${r.call.body}`)).size).toBe(reads.length);
      // Consecutive requests (what neighbouring connections send at the same moment) differ too.
      const step = workload.sequence[0]!;
      const sent = Array.from({ length: reads.length }, () => step.next({})!);
      expect(new Set(sent.map((c) => `${c.token}\n${c.body}`)).size).toBe(reads.length);
    }
  });
});

describe('the --scale workloads', () => {
  it('every query, and a pass of the staff mix, answers with data and no errors, as napoli staff (and ada for the profile)', async () => {
    const token = async (email: string) => platform.login(email);
    const staffToken = await token('staff@napoli.example');
    const listed = await platform.gql<{ customers: { edges: { cursor: string }[] } }>(
      '{ customers(first: 3) { edges { cursor } } }',
      {},
      staffToken,
    );
    const { queries, mix } = loadScaleWorkloads(join(WORKLOADS_DIR, 'scale'), {
      customerToken: await token('ada@napoli.example'),
      staffToken,
      cursors: [null, ...listed.data!.customers.edges.map((e) => e.cursor)],
      since: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    expect(queries.map((q) => q.name)).toEqual(SCALE_QUERIES.map((q) => q.name));
    for (const workload of [...queries, mix]) {
      for (const answer of await runOnce(workload)) {
        expect(answer.errors, `${workload.name}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
        expect(answer.data).toBeTruthy();
      }
    }
    // The mix's requests differ from one another (read merging is off in --scale, but a real dashboard varies too).
    const sent = Array.from({ length: 16 }, () => mix.sequence[0]!.next({})!.body);
    expect(new Set(sent).size).toBeGreaterThan(1);
  });
});
