import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runScript, startTestPlatform, type TestPlatform } from './harness/index.ts';

/**
 * Retention, through the real platform: old audit entries, applied-event records, refresh tokens
 * and event-log positions go; recent ones stay; the job says what it removed, table by table; the
 * audit log still refuses every other change; and consumers stay idempotent after their records
 * are pruned. Old rows are made by moving timestamps back (the audit log's by inserting entries
 * dated in the past: inserting is the one thing its trigger allows).
 */

const logLines: Record<string, unknown>[] = [];
let platform: TestPlatform;

const RETENTION_ENV = {
  // Only the test runs the job, so that every removal is the one it looks at.
  RETENTION_INTERVAL_MINUTES: '0',
  AUDIT_RETENTION_DAYS: '365',
  APPLIED_EVENTS_RETENTION_DAYS: '30',
  REFRESH_TOKEN_RETENTION_DAYS: '30',
  EVENT_LOG_RETENTION_DAYS: '30',
};

beforeAll(async () => {
  platform = await startTestPlatform({
    // The job's lines are at info: the test reads them.
    env: { ...RETENTION_ENV, LOG_LEVEL: 'info' },
    logStream: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
});
afterAll(() => platform?.stop());

/** Runs a statement on the shared database (every schema is on it in tests) and returns its rows. */
async function rows<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  const result = await platform.databases.customers.execute(query);
  return ((result as unknown as { rows?: T[] }).rows ?? (result as unknown as T[])) as T[];
}
const count = async (query: SQL) => Number((await rows<{ n: number }>(query))[0]!.n);

/** The retention lines logged since `from`, by service. */
const retentionLines = (from: number) =>
  logLines.slice(from).filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('retention removed'));

async function refusal(statement: SQL): Promise<string> {
  try {
    await platform.databases.customers.transaction(async (tx) => {
      await tx.execute(statement);
    });
    return 'allowed';
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? (error as Error).message);
  }
}

describe('audit entries', () => {
  test('entries older than AUDIT_RETENTION_DAYS go, recent ones stay, and the job says so per table', async () => {
    await platform.login('staff@napoli.example'); // at least one recent entry (a sign-in)
    for (const schema of ['customers', 'payments']) {
      await platform.databases.customers.execute(
        sql`insert into ${sql.raw(`"${schema}".audit_log`)} (occurred_at, action, details)
            values (now() - interval '400 days', 'test.old', '{}'), (now() - interval '366 days', 'test.old', '{}'),
                   (now() - interval '300 days', 'test.kept', '{}')`,
      );
    }
    const recent = await count(sql`select count(*)::int as n from customers.audit_log where occurred_at > now() - interval '1 day'`);
    expect(recent).toBeGreaterThan(0);
    const from = logLines.length;

    const removals = await platform.retention();

    const byTable = Object.fromEntries(removals.map((r) => [r.table, r.removed]));
    expect(byTable['customers.audit_log']).toBe(2);
    expect(byTable['payments.audit_log']).toBe(2);
    for (const schema of ['customers', 'payments']) {
      const audit = sql.raw(`"${schema}".audit_log`);
      expect(await count(sql`select count(*)::int as n from ${audit} where action = 'test.old'`)).toBe(0);
      expect(await count(sql`select count(*)::int as n from ${audit} where action = 'test.kept'`)).toBe(1);
    }
    expect(await count(sql`select count(*)::int as n from customers.audit_log where occurred_at > now() - interval '1 day'`)).toBe(recent);

    // One line per service that keeps something, in plain English, with the counts per table as fields.
    const lines = retentionLines(from);
    const customers = lines.find((l) => l.name === 'customers');
    expect(customers?.msg).toContain('removed 2 audit entries older than 365 days from customers.audit_log');
    expect(customers?.msg).toMatch(/removed \d+ refresh tokens? expired or revoked more than 30 days ago from customers\.refresh_tokens/);
    expect((customers!.retention as Record<string, number>)['customers.audit_log']).toBe(2);
    const payments = lines.find((l) => l.name === 'payments');
    expect(payments?.msg).toContain('removed 2 audit entries older than 365 days from payments.audit_log');
    expect(payments?.msg).toMatch(/from payments\.applied_events/);
    // Every subgraph removes from its own tables only.
    for (const line of lines) {
      if (line.name === 'platform') continue;
      for (const table of Object.keys(line.retention as Record<string, number>)) expect(table.split('.')[0]).toBe(line.name);
    }
  });

  test('the trigger still refuses any other UPDATE or DELETE, and TRUNCATE', async () => {
    await platform.databases.customers.execute(
      sql`insert into customers.audit_log (occurred_at, action, details) values (now() - interval '400 days', 'test.guarded', '{}')`,
    );
    const guarded = sql`action = 'test.guarded'`;
    const appendOnly = 'the audit log is append-only';
    // Without the setting.
    expect(await refusal(sql`delete from customers.audit_log where ${guarded}`)).toContain(appendOnly);
    expect(await refusal(sql`update customers.audit_log set action = 'changed' where ${guarded}`)).toContain(appendOnly);
    expect(await refusal(sql`truncate customers.audit_log`)).toContain(appendOnly);
    // With the retention setting: an UPDATE, a DELETE of an entry newer than the moment set, a moment less than a day ago.
    const retention = (before: string) => sql`select set_config('supergraph.audit_retention_before', ${before}, true)`;
    const inRetention = (before: string, statement: SQL) =>
      platform.databases.customers
        .transaction(async (tx) => {
          await tx.execute(retention(before));
          await tx.execute(statement);
        })
        .then(
          () => 'allowed',
          (error) => String((error as { cause?: Error }).cause?.message ?? (error as Error).message),
        );
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    expect(await inRetention(yearAgo, sql`update customers.audit_log set action = 'changed' where ${guarded}`)).toContain(appendOnly);
    expect(await inRetention(yearAgo, sql`update customers.audit_log set details = '{}' where ${guarded}`)).toContain(appendOnly);
    expect(await inRetention(yearAgo, sql`delete from customers.audit_log where occurred_at > now() - interval '1 day'`)).toContain(
      appendOnly,
    );
    expect(await inRetention(new Date().toISOString(), sql`delete from customers.audit_log where ${guarded}`)).toContain(appendOnly);
    expect(await inRetention(yearAgo, sql`truncate customers.audit_log`)).toContain(appendOnly);
    // The redaction setting does not allow a DELETE either.
    expect(
      await platform.databases.customers
        .transaction(async (tx) => {
          await tx.execute(sql`select set_config('supergraph.audit_redaction', 'on', true)`);
          await tx.execute(sql`delete from customers.audit_log where ${guarded}`);
        })
        .then(
          () => 'allowed',
          (error) => String((error as { cause?: Error }).cause?.message ?? (error as Error).message),
        ),
    ).toContain(appendOnly);
    // The setting is the transaction's own: after it, a plain DELETE is refused again.
    expect(await inRetention(yearAgo, sql`select 1`)).toBe('allowed');
    expect(await refusal(sql`delete from customers.audit_log where ${guarded}`)).toContain(appendOnly);
    expect(await count(sql`select count(*)::int as n from customers.audit_log where ${guarded}`)).toBe(1);
  });
});

describe('refresh tokens', () => {
  test('tokens expired or revoked more than REFRESH_TOKEN_RETENTION_DAYS ago go; live, used and recently revoked ones stay', async () => {
    const customer = await platform.register('napoli');
    for (let i = 0; i < 4; i += 1) await platform.login(customer.email, 'napoli', 'correct horse battery');
    const tokens = await rows<{ id: string }>(
      sql`select id from customers.refresh_tokens where customer_id = ${customer.id} order by created_at`,
    );
    expect(tokens.length).toBeGreaterThanOrEqual(5);
    const [expiredLongAgo, revokedLongAgo, revokedRecently, used] = tokens.map((t) => t.id);
    const t = sql.raw('customers.refresh_tokens');
    await platform.databases.customers.execute(sql`update ${t} set expires_at = now() - interval '31 days' where id = ${expiredLongAgo}`);
    await platform.databases.customers.execute(sql`update ${t} set revoked_at = now() - interval '31 days' where id = ${revokedLongAgo}`);
    await platform.databases.customers.execute(sql`update ${t} set revoked_at = now() - interval '29 days' where id = ${revokedRecently}`);
    await platform.databases.customers.execute(sql`update ${t} set used_at = now() - interval '40 days' where id = ${used}`);

    const removals = await platform.retention();
    expect(removals.find((r) => r.table === 'customers.refresh_tokens')?.removed).toBe(2);
    const left = (await rows<{ id: string }>(sql`select id from ${t} where customer_id = ${customer.id}`)).map((r) => r.id);
    expect(left).not.toContain(expiredLongAgo);
    expect(left).not.toContain(revokedLongAgo);
    expect(left).toContain(revokedRecently);
    expect(left).toContain(used); // presenting it again must still revoke its family
    expect(left).toHaveLength(tokens.length - 2);
  });
});

const STORE_NUMBERS = `{
  store(slug: "napoli") { analytics { orderCount revenueCents refundedCents ordersByStatus { status count } newCustomers } }
  topCustomers(limit: 100) { customer { id } totalSpentCents orderCount }
}`;

describe('applied-event records and the event log', () => {
  test('records of events a consumer can still be delivered stay; redelivery changes nothing, before and after pruning', async () => {
    const staff = await platform.login('staff@napoli.example');
    const customer = await platform.register('napoli');
    const order = await platform.placeOrder(customer.token);
    expect((await platform.payOrder(customer.token, order.id)).errors).toBeUndefined();
    await platform.settle();
    const truth = await platform.gql(STORE_NUMBERS, {}, staff);
    expect(truth.errors).toBeUndefined();

    // The analytics consumer's offset goes back 5 of its events, as if its last commit had not
    // happened: those 5 can be delivered again, so their records must stay.
    const analytics = platform.events.analytics!.consumer('analytics');
    await analytics.stop();
    const mine = await rows<{ position: number }>(
      sql`select position from eventbus.events where id in (select event_id from analytics.applied_events) order by position desc limit 6`,
    );
    const offset = Number(mine[5]!.position);
    await platform.databases.customers.execute(sql`update eventbus.consumer_offsets set position = ${offset} where consumer = 'analytics'`);
    await platform.databases.customers.execute(sql`update analytics.applied_events set applied_at = now() - interval '31 days'`);
    const total = await count(sql`select count(*)::int as n from analytics.applied_events`);

    const removals = await platform.retention();

    expect(removals.find((r) => r.table === 'analytics.applied_events')?.removed).toBe(total - 5);
    const kept = await rows<{ position: number }>(
      sql`select e.position from analytics.applied_events a join eventbus.events e on e.id = a.event_id order by 1`,
    );
    expect(kept.map((k) => Number(k.position))).toEqual(
      mine
        .slice(0, 5)
        .map((m) => Number(m.position))
        .reverse(),
    );
    // Recent records of the other consumers stay too.
    expect(await count(sql`select count(*)::int as n from payments.applied_events`)).toBeGreaterThan(0);

    // The 5 events come again: nothing changes.
    analytics.start();
    await platform.settle();
    expect(await platform.gql(STORE_NUMBERS, {}, staff)).toEqual(truth);
    // Every event still in the log delivered again to every consumer, most of them without a record now: nothing changes.
    for (const runtime of Object.values(platform.events)) for (const consumer of runtime!.consumers) await consumer.redeliver();
    await platform.settle();
    expect(await platform.gql(STORE_NUMBERS, {}, staff)).toEqual(truth);
  });

  test('the log loses old positions every consumer applied, keeps the rest, and records from where a replay can start', async () => {
    await platform.settle();
    const head = await count(sql`select max(position)::int as n from eventbus.events`);
    const cut = Math.floor(head / 2);
    await platform.databases.customers.execute(
      sql`update eventbus.events set published_at = now() - interval '31 days' where position <= ${cut}`,
    );
    // One consumer is behind the cut: nothing it has still to read may go (events of the types it
    // reads after its offset); events of other types before the next of its own may.
    const behind = platform.events.orders!.consumer('orders-accounts');
    const types = sql.join(
      behind.aggregateTypes.map((t) => sql`${t}`),
      sql`, `,
    );
    // Its offset just before the last event of its types within the cut, as if it had not applied that one yet.
    const next = await count(
      sql`select max(position)::int as n from eventbus.events where position <= ${cut} and aggregate_type in (${types})`,
    );
    expect(next).toBeGreaterThan(1);
    await platform.databases.customers.execute(
      sql`update eventbus.consumer_offsets set position = ${next - 1} where consumer = 'orders-accounts'`,
    );
    const limit = Math.min(next - 1, cut);
    const due = await count(sql`select count(*)::int as n from eventbus.events where position <= ${limit}`);
    const through = await count(sql`select max(position)::int as n from eventbus.events where position <= ${limit}`);
    const after = await count(sql`select count(*)::int as n from eventbus.events where position > ${limit}`);
    const from = logLines.length;

    const removals = await platform.retention();

    expect(removals.find((r) => r.table === 'eventbus.events')?.removed).toBe(due);
    expect(await count(sql`select count(*)::int as n from eventbus.events where position <= ${limit}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from eventbus.events where position > ${limit}`)).toBe(after);
    // The event it has still to read is there.
    expect(await count(sql`select count(*)::int as n from eventbus.events where position = ${next}`)).toBe(1);
    expect(await count(sql`select max(through_position)::int as n from eventbus.log_truncations`)).toBe(through);
    const line = retentionLines(from).find((l) => l.name === 'platform');
    expect(line?.msg).toContain(
      `removed ${due} events published more than 30 days ago that no consumer has still to read from eventbus.events`,
    );
    await platform.settle();

    // Once the consumer has caught up, the rest of the old positions go.
    const rest = await count(sql`select count(*)::int as n from eventbus.events where position <= ${cut}`);
    expect(rest).toBeGreaterThan(0);
    expect((await platform.retention()).find((r) => r.table === 'eventbus.events')?.removed).toBe(rest);
    expect(await count(sql`select count(*)::int as n from eventbus.events where position <= ${cut}`)).toBe(0);
    // The newer events stay: nothing published within EVENT_LOG_RETENTION_DAYS goes, applied or not.
    expect(await count(sql`select count(*)::int as n from eventbus.events where position > ${cut}`)).toBeGreaterThan(0);
    expect((await platform.retention()).find((r) => r.table === 'eventbus.events')?.removed).toBe(0);
  });
});

describe('the operator commands', () => {
  test('npm run retention says what it removed; npm run events:replay says from which position it can rebuild, and waits for --partial', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supergraph-retention-'));
    const other = await startTestPlatform({ env: { ...RETENTION_ENV, DATA_DIR: dataDir } });
    try {
      await other.databases.customers.execute(
        sql`insert into customers.audit_log (occurred_at, action, details) values (now() - interval '400 days', 'test.old', '{}')`,
      );
      await other.settle();
      await other.databases.customers.execute(sql`update eventbus.events set published_at = now() - interval '31 days'`);
      const env = { ...other.settings, LOG_LEVEL: 'silent' };
      // An embedded database opens in one process only: the command runs after the platform stopped.
      if (other.databaseKind === 'pglite') await other.stop();
      const retention = runScript('platform/src/retention.ts', ['--data-dir', dataDir], env);
      expect(await retention.exited, retention.output()).toBe(0);
      expect(retention.output()).toMatch(/^Retention removed \d+ rows:/);
      expect(retention.output()).toMatch(/customers\.audit_log +removed 1 audit entry older than 365 days/);
      expect(retention.output()).toMatch(/eventbus\.events +removed \d+ events published more than 30 days ago/);
      expect(retention.output()).toContain('npm run events:replay can rebuild only from what it keeps');

      const refused = runScript('platform/src/replay.ts', ['--consumer', 'analytics', '--data-dir', dataDir], env);
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toMatch(
        /retention \(EVENT_LOG_RETENTION_DAYS\) removed every event up to position (\d+) .*can rebuild only from position \d+ on.*Nothing was changed\. Run again with --partial/s,
      );
      const partial = runScript('platform/src/replay.ts', ['--consumer', 'analytics', '--partial', '--data-dir', dataDir], {
        ...env,
        LOG_LEVEL: 'info',
      });
      expect(await partial.exited, partial.output()).toBe(0);
      expect(partial.output()).toMatch(/projection rebuilt from position \d+ of the event log/);
    } finally {
      await other.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
