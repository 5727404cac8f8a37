import { type SQL, sql } from 'drizzle-orm';
import { lockConsumer, type Database } from '@supergraph/service-kit';
import { customerFacts, customerTotals, orderFacts, storeDayStatuses, storeDays, storeHourStatuses, storeHours } from './schema.ts';

/** The consumer that keeps the facts and the read models (its lock keeps a rebuild from interleaving with a batch). */
export const ANALYTICS_CONSUMER = 'analytics';

/** The UTC day of a timestamptz column, as the read models key it. */
export const utcDay = (column: unknown) => sql`((${column} at time zone 'UTC')::date)`;

/**
 * The start of the UTC hour of a timestamptz column, as the hourly read models key it (truncated
 * in UTC, whatever the session's time zone: a zone half an hour off UTC would otherwise shift it).
 */
export const utcHour = (column: unknown) => sql`(date_trunc('hour', ${column} at time zone 'UTC') at time zone 'UTC')`;

/**
 * Rebuilds every analytics read model (store days and hours, their status counts, customer totals) from the
 * facts (order_facts, customer_facts), in one transaction (a savepoint when `db` is already one).
 * For data loaded into the facts directly (a bulk seeder, a restore); the consumer keeps the read
 * models itself as events arrive. It holds the analytics consumer's lock, so no batch of events
 * interleaves with it; readers see the old figures until it commits. The migration that added the
 * read models (0008_rollups_backfill.sql, 0010_hourly_rollups_backfill.sql for the hours) runs the same statements.
 */
export async function rebuildAnalyticsReadModels<S extends Record<string, unknown>>(db: Database<S>): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database<Record<string, unknown>>;
    await lockConsumer(t, ANALYTICS_CONSUMER);
    for (const statement of rebuildStatements()) await t.execute(statement);
  });
}

/** The statements of a rebuild, in order: empty the read models, then sum the facts into them. */
function rebuildStatements() {
  /** Orders placed and registrations, each with its bucket (a UTC day or hour), summed into one row per store and bucket. */
  const buckets = (bucket: (column: SQL) => SQL) => sql`
      select store_id, bucket, sum(orders), sum(paid_orders), sum(paid_cents), sum(refunded_cents), sum(new_customers), min(currency)
      from (
        select store_id, ${bucket(sql`placed_at`)} as bucket, 1 as orders, (paid_cents > 0)::int as paid_orders,
               paid_cents, refunded_cents, 0 as new_customers, currency
        from ${orderFacts} where placed_at is not null
        union all
        select store_id, ${bucket(sql`registered_at`)}, 0, 0, 0, 0, 1, null from ${customerFacts}
      ) as x
      group by store_id, bucket`;
  const statuses = (bucket: (column: SQL) => SQL) => sql`
      select store_id, ${bucket(sql`placed_at`)}, coalesce(status, 'UNKNOWN'), count(*)
      from ${orderFacts} where placed_at is not null
      group by 1, 2, 3`;
  return [
    sql`delete from ${storeDayStatuses}`,
    sql`delete from ${storeDays}`,
    sql`delete from ${storeHourStatuses}`,
    sql`delete from ${storeHours}`,
    sql`delete from ${customerTotals}`,
    sql`
      insert into ${storeDays} (store_id, day, orders, paid_orders, paid_cents, refunded_cents, new_customers, currency)
      ${buckets(utcDay)}`,
    sql`insert into ${storeDayStatuses} (store_id, day, status, orders) ${statuses(utcDay)}`,
    sql`
      insert into ${storeHours} (store_id, hour, orders, paid_orders, paid_cents, refunded_cents, new_customers, currency)
      ${buckets(utcHour)}`,
    sql`insert into ${storeHourStatuses} (store_id, hour, status, orders) ${statuses(utcHour)}`,
    sql`
      insert into ${customerTotals} (store_id, customer_id, orders, spent_cents, currency)
      select store_id, customer_id, count(*), sum(paid_cents - refunded_cents), min(currency)
      from ${orderFacts} where placed_at is not null
      group by 1, 2`,
  ];
}
