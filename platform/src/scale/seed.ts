import { randomBytes } from 'node:crypto';
import { storeForScale as customersStore } from '@supergraph/customers';
import { storeForScale as ordersStore } from '@supergraph/orders';
import { sql } from 'drizzle-orm';
import { type Database, plainErrorMessage } from '@supergraph/service-kit';
import type { PlatformConfig } from '../config.ts';
import { openSubgraphDatabases } from '../platform.ts';
import { REGISTRY, type SubgraphName } from '../subgraphs.ts';
import { type ScalePlan, type ScaleStore, scalePlan } from './plan.ts';

export interface ScaleRequest {
  storeSlug: string;
  customers: number;
  orders: number;
}

export interface ScaleResult {
  run: string;
  store: ScaleStore;
  seconds: number;
  /** What the store has in each subgraph's tables afterwards. */
  counts: Partial<Record<SubgraphName, Record<string, number>>>;
}

/** A refusal before anything is written: the message says why, for a person. */
export class ScaleRefused extends Error {}

const n = (value: number) => value.toLocaleString('en-US');

/** Seconds as a person says them: "42 s", "3 min 5 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${whole % 60} s`;
}

/** A country for a store whose customers have no address yet, by its currency. */
const COUNTRY_OF: Record<string, string> = { EUR: 'IT', USD: 'US', GBP: 'GB' };

/**
 * `npm run seed:scale`: adds `customers` customers and `orders` orders to an existing store, in
 * every subgraph's own tables (each subgraph's `scale` step of the registry, on its own database),
 * set-based, then VACUUM ANALYZE. Checks everything it can before it writes anything. No events
 * are written: the rows are loaded as they would stand after their events, not announced.
 */
export async function seedScale(config: PlatformConfig, request: ScaleRequest, say: (line: string) => void): Promise<ScaleResult> {
  const started = Date.now();
  const elapsed = () => (Date.now() - started) / 1000;
  const databases = await openSubgraphDatabases(config);
  try {
    const db = (name: SubgraphName) => databases.handles[name].db as Database<Record<string, unknown>>;
    const store = await describeStore(databases.handles, request.storeSlug);
    const plan: ScalePlan = scalePlan({
      run: randomBytes(3).toString('hex'),
      now: new Date(),
      store,
      customers: request.customers,
      orders: request.orders,
    });
    say(
      `Adding ${n(request.customers)} customers and ${n(request.orders)} orders to ${store.slug} (${store.currency}, delivery fee ${store.deliveryFeeCents}, ${store.menu.length} menu items, ${store.drivers.length} driver${store.drivers.length === 1 ? '' : 's'}); run ${plan.run}.`,
    );
    say('Each subgraph writes its own tables in one transaction; no events are written.');
    const steps = REGISTRY.filter((r) => r.scale);
    const written: SubgraphName[] = [];
    for (const { definition, scale } of steps) {
      const name = definition.name;
      const stepStarted = Date.now();
      try {
        await scale!.run(db(name), plan, (what, done, total) =>
          say(`  ${name}: ${total === 1 && done === 1 ? what : `${n(done)} of ${n(total)} ${what}`} (${duration(elapsed())})`),
        );
      } catch (error) {
        // Each subgraph's part is one transaction: this one wrote nothing; those before it committed.
        throw new Error(
          `${name} could not write its part (${plainErrorMessage(error)}), and wrote nothing. ${
            written.length === 0
              ? 'Nothing was written anywhere.'
              : `${written.join(', ')} already have run ${plan.run}'s rows and the other subgraphs do not, so the store's figures disagree: seed a fresh database (or restore this one).`
          }`,
        );
      }
      written.push(name);
      say(`${name}: written in ${duration((Date.now() - stepStarted) / 1000)}.`);
    }
    say('Updating the planner statistics and the index pending lists (VACUUM ANALYZE)…');
    for (const { definition } of steps) await vacuumAnalyze(db(definition.name), definition.name);
    const counts: ScaleResult['counts'] = {};
    for (const { definition, scale } of steps) counts[definition.name] = await scale!.counts(db(definition.name), store.id);
    return { run: plan.run, store, seconds: elapsed(), counts };
  } finally {
    await databases.close();
  }
}

/** The store as the customers and orders subgraphs know it, or a refusal saying what is missing. */
async function describeStore(handles: Awaited<ReturnType<typeof openSubgraphDatabases>>['handles'], slug: string): Promise<ScaleStore> {
  const customers = await customersStore(handles.customers.db as never, slug);
  if (!customers) {
    const rows = await handles.customers.db.execute(sql`select slug from customers.stores order by slug`);
    const slugs = ((rows as unknown as { rows?: { slug: string }[] }).rows ?? (rows as unknown as { slug: string }[])).map((r) => r.slug);
    throw new ScaleRefused(
      slugs.length === 0
        ? `There is no store "${slug}": the database has no stores at all. Start the platform on it once (npm start loads the demo stores), or open a store with createStore.`
        : `There is no store "${slug}". Stores: ${slugs.join(', ')}.`,
    );
  }
  const orders = await ordersStore(handles.orders.db as never, customers.id);
  if (!orders)
    throw new ScaleRefused(
      `The orders service does not sell for "${slug}" yet (its StoreOpened event has not reached orders): start the platform, let it settle, and run this again.`,
    );
  if (orders.currency !== customers.currency)
    throw new ScaleRefused(
      `"${slug}" sells in ${orders.currency} in the orders service but is a ${customers.currency} store in customers; nothing was written.`,
    );
  if (orders.menu.length === 0)
    throw new ScaleRefused(`"${slug}" has nothing on its menu to order. Add menu items (addMenuItem) first; nothing was written.`);
  return {
    id: customers.id,
    slug: customers.slug,
    currency: customers.currency,
    deliveryFeeCents: orders.deliveryFeeCents,
    menu: orders.menu,
    drivers: orders.drivers,
    city: customers.city ?? customers.name,
    country: customers.country ?? COUNTRY_OF[customers.currency] ?? 'US',
  };
}

/** VACUUM ANALYZE of every table of the subgraph's schema (outside any transaction, as VACUUM must be). */
async function vacuumAnalyze(db: Database<Record<string, unknown>>, schema: string) {
  const result = await db.execute(sql`select tablename from pg_tables where schemaname = ${schema} order by tablename`);
  const tables = ((result as unknown as { rows?: { tablename: string }[] }).rows ?? (result as unknown as { tablename: string }[])).map(
    (r) => r.tablename,
  );
  for (const table of tables) await db.execute(sql.raw(`vacuum analyze "${schema}"."${table}"`));
}
